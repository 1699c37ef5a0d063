//! The server's integration tests, one binary: each linked test binary carries the whole
//! server (~230 MB in a debug build), so four would cost four links and four copies.
//!
//! - `http`: the real router without a socket — sessions, CSRF, status codes, scoping.
//! - `api`: `/api/v1`, the billing system's API.
//! - `application`: the serving process in-process, stopped by a test's own signal.
//! - `archive`: the bulk download of many documents as one zip.
//! - `assets`: the bundle's hashed names, precompressed files and caching; pages revalidated.
//! - `dual_pdf`: the dual channel's formal PDF from the production renderer.
//! - `commands`: the account commands of the binary, and seed-demo only in demo mode.
//! - `metrics`: `/metrics`: route templates, latency histogram, queue, throttling.
//! - `operations`: `--help`, backup, health checks, one server per SQLite file, SIGTERM.
//! - `outage`: PostgreSQL stopped under a running server: 503s in seconds, the session kept.
//! - `rate_limits`: per-client limits on sign-in, registration, /verify and SMS.
//! - `request_ids`: every answer's `X-Request-Id`, and the log lines that carry it.
//! - `restart`: a background step survives SIGKILL and a restart.
//! - `slow_clients`: header and body timeouts, a bound on parked `/verify` uploads.
//! - `sign_in`: device cookies keep an owner's browser signing in whatever strangers do.
//! - `sealing`: B-LTA with a provider's certificate, TSAs and OCSP over HTTP, outages.
//! - `scale_out`: two server processes on PostgreSQL and moto's S3, one killed half-way.
//! - `sms_tencent`: the Tencent Cloud SMS adapter against a local stub of the provider.
//! - `stall`: server-rendered pages complete while routers are built in the same process.
//!
//! Every request goes through `common::send`, bounded: a response that never completes
//! fails its test with the method and path instead of hanging the suite.

mod cluster;
mod common;

// The poppler/NSS runners the PDF engine's own tests use.
#[path = "../../../pdf/tests/common/tools.rs"]
mod tools;
// The log capture the service's tests use.
#[allow(dead_code)]
#[path = "../../../service/tests/common/logs.rs"]
mod logs;

mod api;
mod application;
mod archive;
mod assets;
mod commands;
mod dual_pdf;
mod http;
mod metrics;
mod operations;
mod outage;
mod rate_limits;
mod request_ids;
mod restart;
mod scale_out;
mod sealing;
mod sign_in;
mod slow_clients;
mod sms_tencent;
mod stall;
