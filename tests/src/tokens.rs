//! One-line mints, token accounts and balances for SPL Token and Token-2022.
use anchor_lang::prelude::Pubkey;
use anchor_lang::AccountDeserialize;
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token::spl_token;
use anchor_spl::token_2022::spl_token_2022::{
    self,
    extension::{transfer_fee, transfer_hook, ExtensionType},
    state::Mint as Mint2022,
};
use solana_program::program_pack::Pack;
use solana_sdk::signature::{Keypair, Signer};
#[allow(deprecated)]
use solana_sdk::system_instruction;

use crate::TestEnv;

/// A Token-2022 extension to put on a test mint.
#[derive(Clone, Copy, Debug)]
pub enum MintExtension {
    /// Transfer fee of `basis_points` (capped at `maximum_fee`).
    TransferFee { basis_points: u16, maximum_fee: u64 },
    /// Transfer hook calling `program_id`.
    TransferHook { program_id: Pubkey },
    /// A close authority that may close the mint once its supply is 0.
    MintCloseAuthority { authority: Pubkey },
}

impl TestEnv {
    /// A new mint of `token_program` (SPL Token or Token-2022) with the payer as authority.
    pub async fn create_mint(&mut self, decimals: u8, token_program: &Pubkey) -> Pubkey {
        self.create_mint_with(decimals, token_program, &[]).await
    }

    /// A new Token-2022 mint (or SPL Token mint when `extensions` is empty) with extensions.
    pub async fn create_mint_with(
        &mut self,
        decimals: u8,
        token_program: &Pubkey,
        extensions: &[MintExtension],
    ) -> Pubkey {
        let mint = Keypair::new();
        let payer = self.ctx.payer.pubkey();
        let types: Vec<ExtensionType> = extensions
            .iter()
            .map(|e| match e {
                MintExtension::TransferFee { .. } => ExtensionType::TransferFeeConfig,
                MintExtension::TransferHook { .. } => ExtensionType::TransferHook,
                MintExtension::MintCloseAuthority { .. } => ExtensionType::MintCloseAuthority,
            })
            .collect();
        let space = if *token_program == spl_token::ID {
            spl_token::state::Mint::LEN
        } else {
            ExtensionType::try_calculate_account_len::<Mint2022>(&types).expect("mint size")
        };
        let rent = self.ctx.banks_client.get_rent().await.expect("rent").minimum_balance(space);
        let mut ixs =
            vec![system_instruction::create_account(&payer, &mint.pubkey(), rent, space as u64, token_program)];
        for ext in extensions {
            ixs.push(match *ext {
                MintExtension::TransferFee { basis_points, maximum_fee } => {
                    transfer_fee::instruction::initialize_transfer_fee_config(
                        token_program,
                        &mint.pubkey(),
                        Some(&payer),
                        Some(&payer),
                        basis_points,
                        maximum_fee,
                    )
                    .expect("fee ix")
                }
                MintExtension::TransferHook { program_id } => {
                    transfer_hook::instruction::initialize(token_program, &mint.pubkey(), Some(payer), Some(program_id))
                        .expect("hook ix")
                }
                MintExtension::MintCloseAuthority { authority } => {
                    spl_token_2022::instruction::initialize_mint_close_authority(
                        token_program,
                        &mint.pubkey(),
                        Some(&authority),
                    )
                    .expect("close authority ix")
                }
            });
        }
        ixs.push(
            spl_token_2022::instruction::initialize_mint2(token_program, &mint.pubkey(), &payer, None, decimals)
                .expect("init mint"),
        );
        self.send_ok(&ixs, &[&mint]).await;
        mint.pubkey()
    }

    /// The associated token account of `owner` for `mint`, created if missing.
    pub async fn token_account(&mut self, mint: &Pubkey, owner: &Pubkey, token_program: &Pubkey) -> Pubkey {
        let ix = create_associated_token_account_idempotent(&self.ctx.payer.pubkey(), owner, mint, token_program);
        self.send_ok(&[ix], &[]).await;
        get_associated_token_address_with_program_id(owner, mint, token_program)
    }

    /// Mints `amount` base units of `mint` (payer is the mint authority) to `account`.
    pub async fn mint_to(&mut self, mint: &Pubkey, account: &Pubkey, amount: u64, token_program: &Pubkey) {
        let payer = self.ctx.payer.pubkey();
        let ix =
            spl_token_2022::instruction::mint_to(token_program, mint, account, &payer, &[], amount).expect("mint_to");
        self.send_ok(&[ix], &[]).await;
    }

    /// A funded token account of `owner`: creates the ATA and mints `amount` into it.
    pub async fn funded_token_account(
        &mut self,
        mint: &Pubkey,
        owner: &Pubkey,
        amount: u64,
        token_program: &Pubkey,
    ) -> Pubkey {
        let account = self.token_account(mint, owner, token_program).await;
        self.mint_to(mint, &account, amount, token_program).await;
        account
    }

    /// Token balance of `account` (SPL Token or Token-2022).
    pub async fn token_balance(&mut self, account: &Pubkey) -> u64 {
        let data = self.ctx.banks_client.get_account(*account).await.expect("rpc").expect("token account").data;
        anchor_spl::token_interface::TokenAccount::try_deserialize(&mut &data[..]).expect("token account").amount
    }
}
