//! Durability of background steps across a crash: a draft generation in flight when the
//! server is killed with SIGKILL is finished after a restart, exactly once.

use crate::cluster::free_port;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use domain::new_contract::NewContract;
use domain::{Channel, ContractState, ContractType};
use server::{build_state, Config};
use service::platform::audit::Actor;
use service::Db;
use sqlx::Row;

struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn env(dir: &std::path::Path, port: u16) -> Vec<(&'static str, String)> {
    vec![
        (
            "DATABASE_URL",
            format!("sqlite://{}/restart.db", dir.display()),
        ),
        ("QY_ADDR", format!("127.0.0.1:{port}")),
        ("QY_DATA_DIR", dir.join("data").display().to_string()),
        ("QY_FONT_DIR", crate::common::font_dir()),
        ("QY_DRAFT_DELAY_SECS", "1".into()),
        ("QY_JOB_LEASE_SECS", "1".into()),
        ("QY_DEMO", "1".into()),
        ("RUST_LOG", "warn".into()),
    ]
}

fn start(dir: &std::path::Path, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_qianyue"))
        .arg("serve")
        .envs(env(dir, port))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("server starts");
    Server { child }
}

async fn job_state(db: &Db) -> (i64, bool) {
    let row = sqlx::query("SELECT attempts, done_at FROM jobs WHERE kind = 'generate_draft'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    (row.get(0), row.get::<Option<i64>, _>(1).is_some())
}

#[tokio::test]
async fn a_killed_server_finishes_the_draft_exactly_once_after_restart() {
    let dir = std::env::temp_dir().join(format!("qy_restart_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let vars = env(&dir, port);
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let config = Config::from_lookup(lookup).unwrap();
    let db = Db::connect(config.database_url.expose()).await.unwrap();
    service::seed::seed_demo(&db).await.unwrap();
    let ctx = build_state(&config, db.clone()).unwrap().state.ctx;
    let account = service::identity::accounts::find_by_login(&db, "ent_demo")
        .await
        .unwrap()
        .unwrap()
        .id;

    let server = start(&dir, port);
    let new = NewContract {
        kind: ContractType::Framework,
        channel: Channel::Single,
        item_ids: vec![],
        party_a: service::identity::party_a::get(&db, account)
            .await
            .unwrap()
            .profile
            .unwrap(),
        confirmed: true,
    };
    let number =
        service::contracts::create_contract(&ctx, account, &new, &Actor::customer(account, None))
            .await
            .unwrap();

    // Kill it the moment its worker has claimed the job.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (attempts, _) = job_state(&db).await;
        if attempts >= 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the worker never claimed the job"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    drop(server); // SIGKILL
    let (_, done_at_kill) = job_state(&db).await;
    eprintln!(
        "killed {} the job had finished",
        if done_at_kill { "after" } else { "before" }
    );

    let _server = start(&dir, port);
    let deadline = Instant::now() + Duration::from_secs(60);
    let contract = loop {
        let contract = service::contracts::find_for_account(&db, account, &number)
            .await
            .unwrap();
        if contract.state != ContractState::GENERATING {
            break contract;
        }
        assert!(
            Instant::now() < deadline,
            "the draft was not generated after the restart"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(contract.state, ContractState::GENERATED);
    let events: i64 = sqlx::query("SELECT COUNT(*) FROM audit_events WHERE contract_id = $1 AND action = 'contract.draft_generated'")
        .bind(contract.id)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(events, 1, "exactly one transition");
    let (_, done) = job_state(&db).await;
    assert!(done);
    // Exactly one document on disk, and it is the recorded one.
    let documents: Vec<_> = walk(&dir.join("data/documents"));
    assert_eq!(documents.len(), 1, "{documents:?}");
    assert!(documents[0].ends_with(contract.draft_pdf.unwrap().key.as_str()));
    let _ = std::fs::remove_dir_all(&dir);
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path.display().to_string());
        }
    }
    files
}
