//! The throwaway cluster: starts (as the `postgres` user when run as root, and directly as a
//! regular user), serves the `psp` database on its own port, stops and cleans up.
use std::os::unix::fs::MetadataExt;
use std::process::Command;

use psp_indexer::pg::{EmbeddedOptions, EmbeddedPostgres};
use sqlx::{Connection, PgConnection};

fn is_root() -> bool {
    // SAFETY: no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[tokio::test]
async fn starts_serves_psp_and_stop_removes_the_directory() {
    let mut server = EmbeddedPostgres::start().expect("starts");
    assert_ne!(server.port(), 5432, "never the system server's port");
    assert_eq!(server.url(), format!("postgres://postgres@127.0.0.1:{}/psp", server.port()));
    let dir = server.dir().to_path_buf();
    assert!(dir.join("data/PG_VERSION").is_file());
    if is_root() {
        let postgres_uid: u32 = String::from_utf8(Command::new("id").args(["-u", "postgres"]).output().unwrap().stdout)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert_eq!(std::fs::metadata(dir.join("data")).unwrap().uid(), postgres_uid, "run as postgres");
    }
    let mut conn = PgConnection::connect(&server.url()).await.expect("accepts connections");
    let (db, fsync): (String, String) =
        sqlx::query_as("SELECT current_database(), current_setting('fsync')").fetch_one(&mut conn).await.unwrap();
    assert_eq!((db.as_str(), fsync.as_str()), ("psp", "off"));
    conn.close().await.unwrap();

    server.stop().expect("stops");
    assert!(!dir.exists(), "stop removes {}", dir.display());
    assert!(PgConnection::connect(&server.url()).await.is_err(), "the server is gone");
    server.stop().expect("stopping twice is harmless");

    // As root the above ran as the postgres user; run this same test as that (regular) user too,
    // from a copy of this binary the postgres user can reach (the target dir may be under /root).
    if is_root() {
        let copy = tempfile::Builder::new().prefix("psp-pg-test-").tempdir_in("/tmp").unwrap();
        std::fs::set_permissions(copy.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        let exe = copy.path().join("pg-test");
        std::fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
        std::fs::set_permissions(&exe, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        let out = Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(&exe)
            .args(["--exact", "embedded::starts_serves_psp_and_stop_removes_the_directory", "--nocapture"])
            .current_dir("/tmp")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "as postgres: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("1 passed"), "{stdout}");
    }
}

#[test]
fn keep_dir_leaves_the_data_and_drop_stops_the_server() {
    let parent = tempfile::Builder::new().prefix("psp-pg-parent-").tempdir_in("/tmp").unwrap();
    std::fs::set_permissions(parent.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let options = EmbeddedOptions { parent: Some(parent.path().to_path_buf()), keep_dir: true, ..Default::default() };
    let server = EmbeddedPostgres::start_with(options).expect("starts under the given parent");
    let (dir, port) = (server.dir().to_path_buf(), server.port());
    assert_eq!(dir.parent(), Some(parent.path()));
    drop(server);
    assert!(dir.join("data/PG_VERSION").is_file(), "kept");
    assert!(!dir.join("data/postmaster.pid").exists(), "drop stopped the server");
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err(), "nothing listens on {port}");
}

/// As root the server runs as `postgres`, which cannot enter a root-only directory: the error
/// says so and what to do, instead of initdb's permission error.
#[test]
fn an_unreachable_parent_is_a_clear_error() {
    if !is_root() {
        return; // A regular user runs the server itself and reaches its own directories.
    }
    let parent = tempfile::Builder::new().prefix("psp-pg-private-").tempdir_in("/tmp").unwrap();
    std::fs::set_permissions(parent.path(), std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let options = EmbeddedOptions { parent: Some(parent.path().to_path_buf()), keep_dir: false, ..Default::default() };
    let err = EmbeddedPostgres::start_with(options).expect_err("postgres cannot reach a root-only dir");
    let text = format!("{err:#}");
    assert!(text.contains("cannot reach") && text.contains("/tmp"), "{text}");
    assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 0, "nothing left behind");
}

/// A server that does not start: the error names the server log, kept, and quotes its last lines.
#[test]
fn a_failed_start_shows_the_server_log() {
    let settings = vec![("psp_no_such_setting".to_string(), "1".to_string())];
    let options = EmbeddedOptions { settings, ..Default::default() };
    let err = EmbeddedPostgres::start_with(options).expect_err("an unknown setting stops the server");
    let text = format!("{err:#}");
    let log = text.split_once("server log ").and_then(|(_, rest)| rest.split_once(":\n")).map(|(path, _)| path);
    let log = std::path::Path::new(log.unwrap_or_else(|| panic!("no log path in: {text}")));
    assert!(log.ends_with("server.log") && log.is_file(), "{text}");
    let logged = std::fs::read_to_string(log).unwrap();
    let last = logged.lines().last().unwrap_or_else(|| panic!("empty log; error: {text}"));
    assert!(text.contains(last), "the error quotes the log's end: {text}");
    assert!(text.contains("psp_no_such_setting"), "{text}");
    std::fs::remove_dir_all(log.parent().unwrap()).unwrap();
}
