//! `psp gov update | cancel | veto | execute`: moving a proposal along. Each is checked against
//! the proposal's state and the cluster's clock first, so a refusal names its reason and
//! sends nothing.
use anyhow::{bail, Result};
use psp_governance::events::{ProposalDecided, ProposalExecuted};
use psp_governance::state::{pause, Proposal, ProposalState};
use psp_sdk::governance as gov;
use serde_json::json;
use solana_sdk::signature::Signer;

use super::{
    ensure_not_paused, execute_instruction, load_proposal, load_realm, state_name, LoadedRealm, ProposalTarget,
};
use crate::client::Client;
use crate::cluster::OutputFormat;
use crate::commands::common::{done, program_events, AdminOpts};
use crate::commands::staking::format_weight;
use crate::commands::time::describe_time;

/// Loads the realm and proposal of `target`.
async fn load(client: &Client, target: &ProposalTarget) -> Result<(LoadedRealm, solana_sdk::pubkey::Pubkey, Proposal)> {
    let l = load_realm(client, &target.realm).await?;
    let (address, proposal) = load_proposal(client, &l.address, l.realm.proposal_count, target.index).await?;
    Ok((l, address, proposal))
}

/// `update`: decides an ended vote, or expires a passed proposal whose window ended.
pub async fn update(client: &Client, out: OutputFormat, target: &ProposalTarget) -> Result<()> {
    let (l, address, p) = load(client, target).await?;
    let index = target.index;
    match p.state {
        ProposalState::Voting if l.now < p.voting_ends_at => {
            bail!(
                "VotingNotEnded: the vote on proposal {index} ends {}; nothing was sent",
                describe_time(p.voting_ends_at, l.now)
            )
        }
        ProposalState::Voting => {}
        ProposalState::Succeeded if l.now >= p.expires_at => {}
        ProposalState::Succeeded => bail!(
            "NothingToUpdate: proposal {index} passed and is executable until {} (`psp gov execute`); nothing was sent",
            describe_time(p.expires_at, l.now)
        ),
        s => {
            bail!("NothingToUpdate: proposal {index} is {}: nothing changes with time; nothing was sent", state_name(s))
        }
    }
    let signature = client.send(&[gov::update_proposal(&l.address, index)], &[]).await?;
    let after: Proposal = client.account(&address, "governance proposal").await?;
    let decided: Option<ProposalDecided> =
        program_events(client, &psp_governance::ID, &signature).await.unwrap_or_default().into_iter().next();
    let fmt = |w: u128| format_weight(w, l.stake.decimals);
    let t = &after.tally;
    let cast = t.yes.saturating_add(t.no).saturating_add(t.abstain);
    let value = json!({
        "realm": l.address.to_string(),
        "index": index,
        "state": state_name(after.state),
        "executable_at": (after.state == ProposalState::Succeeded).then_some(after.executable_at),
        "expires_at": (after.state == ProposalState::Succeeded).then_some(after.expires_at),
        "tally": { "yes": fmt(t.yes), "no": fmt(t.no), "abstain": fmt(t.abstain), "cast": fmt(cast) },
        "quorum": fmt(after.quorum_power),
    });
    let text = match (after.state, decided) {
        (ProposalState::Succeeded, Some(_)) => format!(
            "Proposal {index} passed (yes {}, no {}, abstain {}; quorum {}): executable from {} until {}",
            fmt(t.yes),
            fmt(t.no),
            fmt(t.abstain),
            fmt(after.quorum_power),
            describe_time(after.executable_at, l.now),
            describe_time(after.expires_at, l.now)
        ),
        (ProposalState::Defeated, _) => format!(
            "Proposal {index} was defeated ({}; yes {}, no {}, abstain {})",
            if cast < after.quorum_power {
                format!("{} cast, quorum {}", fmt(cast), fmt(after.quorum_power))
            } else {
                "approval share not reached".into()
            },
            fmt(t.yes),
            fmt(t.no),
            fmt(t.abstain)
        ),
        (state, _) => format!("Proposal {index} is now {}", state_name(state)),
    };
    done(out, value, text, &signature);
    Ok(())
}

/// `cancel`: the proposer withdraws a draft or an open vote.
pub async fn cancel(client: &Client, out: OutputFormat, target: &ProposalTarget) -> Result<()> {
    let (l, _, p) = load(client, target).await?;
    let me = client.payer()?.pubkey();
    if p.proposer != me {
        bail!(
            "Unauthorized: only the proposer ({}) can cancel proposal {}; nothing was sent",
            p.proposer,
            target.index
        );
    }
    let open = p.state == ProposalState::Voting && l.now < p.voting_ends_at;
    if p.state != ProposalState::Draft && !open {
        bail!(
            "CannotCancel: proposal {} is {}{}: only drafts and open votes can be cancelled; nothing was sent",
            target.index,
            state_name(p.state),
            if p.state == ProposalState::Voting { " (its vote has ended)" } else { "" }
        );
    }
    let signature = client.send(&[gov::cancel_proposal(&l.address, target.index, &me)], &[]).await?;
    done(
        out,
        json!({ "realm": l.address.to_string(), "index": target.index, "state": "cancelled" }),
        format!("Cancelled proposal {} of realm {}", target.index, l.address),
        &signature,
    );
    Ok(())
}

/// `veto`: the council stops a passed proposal during its hold-up (directly, or proposed as a
/// vault transaction of the council multisig with `--multisig`).
pub async fn veto(client: &Client, out: OutputFormat, target: &ProposalTarget, admin: &AdminOpts) -> Result<()> {
    let (l, _, p) = load(client, target).await?;
    let authority = admin.authority(client)?;
    admin.check_vault(client, &l.realm.council, "realm council")?;
    if authority != l.realm.council {
        bail!("Unauthorized: you ({authority}) are not the council ({}) of realm {} (for a multisig council pass --multisig); nothing was sent", l.realm.council, l.address);
    }
    if p.state != ProposalState::Succeeded {
        bail!(
            "NotSucceeded: proposal {} is {}: only a passed proposal can be vetoed; nothing was sent",
            target.index,
            state_name(p.state)
        );
    }
    // Through a multisig the veto lands when the vault transaction executes, before the hold-up ends.
    if l.now >= p.executable_at {
        bail!(
            "HoldUpOver: the hold-up of proposal {} ended {}: the council can no longer veto; nothing was sent",
            target.index,
            describe_time(p.executable_at, l.now)
        );
    }
    let ix = gov::veto_proposal(&l.address, target.index, &authority);
    let what = format!(
        "veto proposal {} \"{}\" of realm {} (hold-up ends {})",
        target.index,
        p.title,
        l.address,
        describe_time(p.executable_at, l.now)
    );
    admin.send(client, out, ix, &what).await
}

/// `execute`: runs a passed proposal's instructions after its hold-up (a lookup table is used
/// automatically when they need more accounts than one transaction holds).
pub async fn execute(client: &Client, out: OutputFormat, target: &ProposalTarget) -> Result<()> {
    let (l, _, p) = load(client, target).await?;
    let index = target.index;
    match p.state {
        ProposalState::Succeeded => {}
        ProposalState::Executed => bail!(
            "NotSucceeded: proposal {index} was already executed {}; nothing was sent",
            describe_time(p.closed_at, l.now)
        ),
        ProposalState::Voting if l.now >= p.voting_ends_at => {
            bail!("NotSucceeded: the vote on proposal {index} has ended but is not decided yet: run `psp gov update {} {index}` first; nothing was sent", l.address)
        }
        s => bail!(
            "NotSucceeded: proposal {index} is {}: only a passed proposal can be executed; nothing was sent",
            state_name(s)
        ),
    }
    if l.now < p.executable_at {
        bail!(
            "HoldUpNotOver: proposal {index} is executable {} (after the council's hold-up); nothing was sent",
            describe_time(p.executable_at, l.now)
        );
    }
    if l.now >= p.expires_at {
        bail!(
            "ProposalExpired: the execution window of proposal {index} ended {}; nothing was sent",
            describe_time(p.expires_at, l.now)
        );
    }
    if p.config_version != l.realm.config_version {
        bail!(
            "StaleProposal: the realm's settings changed (version {}) since proposal {index} was voted (version {}): propose it again; nothing was sent",
            l.realm.config_version, p.config_version
        );
    }
    ensure_not_paused(&l, pause::EXECUTE, "execution")?;
    let me = client.payer()?.pubkey();
    let ix = execute_instruction(client, &l.address, index, &me).await?;
    let signature = client.send(&[ix], &[]).await?;
    let executed: Option<ProposalExecuted> =
        program_events(client, &psp_governance::ID, &signature).await.unwrap_or_default().into_iter().next();
    let count = executed.map_or(p.instruction_count, |e| e.instruction_count);
    let value = json!({ "realm": l.address.to_string(), "index": index, "state": "executed", "instructions": count });
    done(
        out,
        value,
        format!(
            "Executed proposal {index} \"{}\" of realm {}: {count} instructions signed by the treasury {}",
            p.title, l.address, l.realm.treasury
        ),
        &signature,
    );
    Ok(())
}
