//! `converge`: the one binary. It serves workshops, exports and verifies their records, and
//! administers accounts. Every subcommand calls the same library code as the server.

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use converge_cli::{lock_for_serving, open};
use converge_core::WorkshopId;
use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tokio_util::sync::CancellationToken;

#[derive(Parser)]
#[command(
    name = "converge",
    version,
    about = "Collective-intelligence workshops, from the first note to followed-up actions."
)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(clap::Args, Clone)]
struct DataArgs {
    /// The data folder: the SQLite database and the server's secret. `serve`, `demo` and
    /// `admin` create it on first use; commands that only read (export, report) need it to exist.
    #[arg(long, env = "CONVERGE_DATA", default_value = "converge-data")]
    data: PathBuf,
}

#[derive(Subcommand)]
enum Commands {
    /// Serve Converge: pages, live updates and the API.
    Serve {
        /// Address to listen on. Use 0.0.0.0:8080 so phones on the venue network can connect.
        #[arg(long, env = "CONVERGE_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
        #[command(flatten)]
        data: DataArgs,
        /// The address participants use, e.g. http://192.168.1.20:8080, shown as the join link and
        /// QR code. An https:// address also marks cookies Secure.
        #[arg(long, env = "CONVERGE_PUBLIC_URL")]
        public_url: Option<String>,
        /// A reverse proxy (address or network, e.g. 10.0.0.0/8) whose Forwarded or
        /// X-Forwarded-For header names the client; repeat for several. Without it, those
        /// headers are ignored and every client is the address it connects from.
        #[arg(long = "trusted-proxy", env = "CONVERGE_TRUSTED_PROXY", value_delimiter = ',')]
        trusted_proxies: Vec<converge_web::net::Cidr>,
        /// A folder of workshop templates (`*.toml`, see `converge template check`) offered
        /// besides the shipped ones; a bad file stops the start, naming its line.
        #[arg(long, env = "CONVERGE_TEMPLATES")]
        templates: Option<PathBuf>,
    },
    /// Write a workshop's full event log with its hash chain.
    Export {
        /// The workshop's id.
        workshop: String,
        /// The export format.
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Where to write; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Only the record up to the closing: the one the closure report seals.
        #[arg(long)]
        at_closure: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write a workshop's report: an HTML page, the CSV tables, the PDF, or the JSON record.
    Report {
        /// The workshop's id.
        workshop: String,
        #[arg(long, value_enum, default_value = "html")]
        format: converge_cli::report::ReportFormat,
        /// The file to write; for csv, the folder that receives one file per table.
        #[arg(long)]
        out: PathBuf,
        /// For a closed workshop (html, pdf): add the follow-up of the actions to date, after
        /// the record at the closing.
        #[arg(long)]
        follow_up: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Check an export's hash chain offline: prints OK or the first broken event.
    Verify {
        /// The export file.
        file: PathBuf,
        /// The hash the record must end with (e.g. the one a closure report prints): OK only
        /// when the file's chain ends exactly there.
        #[arg(long, value_name = "HASH")]
        expect_head: Option<String>,
    },
    /// A voting method's full result for a file of ballots (PrefLib .soc/.soi/.toc/.toi, or CSV).
    Tally {
        /// The ballots.
        file: PathBuf,
        #[arg(long, value_enum)]
        method: converge_cli::tally::Method,
        #[arg(long, value_enum, default_value = "text")]
        format: TallyFormat,
        /// The lowest score (score voting).
        #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
        score_min: i32,
        /// The highest score (score voting).
        #[arg(long, default_value_t = 5, allow_negative_numbers = true)]
        score_max: i32,
        /// How many grades, from 1 (worst) up (majority judgment).
        #[arg(long, default_value_t = 5)]
        grades: u8,
    },
    /// Administer accounts and tokens.
    Admin {
        #[command(subcommand)]
        command: AdminCommands,
    },
    /// Create a finished replay of the Wallonia hackathon (in French) to explore: its console,
    /// report and public follow-up page. Prints how to open it, and the demo facilitator's
    /// password, once.
    Demo {
        #[command(flatten)]
        data: DataArgs,
        /// The server's public address, to build the links printed at the end.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        public_url: String,
        /// Stop once both days are done, with the workshop still open: to rehearse the room (the
        /// console, the projection screen, the phones) on a full workshop.
        #[arg(long)]
        before_closing: bool,
    },
    /// Copy a data folder, even while `converge serve` runs on it, into a new folder that
    /// `serve --data` can use as it is. The copy is checked (integrity, every hash chain).
    Backup {
        #[command(flatten)]
        data: DataArgs,
        /// The new folder to write the backup to.
        #[arg(long)]
        out: PathBuf,
    },
    /// Bring a backup folder back as the data folder (the server must be stopped).
    Restore {
        /// The backup folder, as `converge backup` wrote it.
        backup: PathBuf,
        #[command(flatten)]
        data: DataArgs,
        /// Replace a data folder that already holds a database; its files are kept, renamed.
        #[arg(long)]
        replace: bool,
    },
    /// Workshop templates: check a template file, list the shipped ones.
    Template {
        #[command(subcommand)]
        command: TemplateCommands,
    },
}

#[derive(Subcommand)]
enum TemplateCommands {
    /// Check a template file: prints OK with its size, or FILE:LINE:COLUMN: reason and exits 1.
    Check {
        /// The template file (TOML, UTF-8).
        file: PathBuf,
    },
    /// List the templates Converge ships: their ids and French titles.
    List,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum TallyFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum AdminCommands {
    /// Create a facilitator account. The password is read from CONVERGE_PASSWORD or standard input.
    AddFacilitator {
        #[arg(long)]
        email: String,
        /// The name participants see.
        #[arg(long)]
        name: String,
        /// The password (prefer CONVERGE_PASSWORD or standard input: arguments show in process lists).
        #[arg(long, env = "CONVERGE_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Create and print a new setup link for a facilitator account.
    SetupLink {
        /// The server's public address, to build the link.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        public_url: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Erase a participant's name and service from a workshop. Their contributions stay, without
    /// a name, and the record still verifies. Safe while the server runs.
    EraseParticipant {
        /// The workshop's id.
        #[arg(long)]
        workshop: String,
        /// The participant's id (shown in the console's list of participants and in exports).
        #[arg(long)]
        participant: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Sign a facilitator out of every browser, e.g. after a laptop was lost. Their API tokens
    /// stay (they are not sessions). Safe while the server runs.
    EndSessions {
        /// The facilitator's email.
        email: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Remove a facilitator's two-step sign-in, for one who lost their phone and recovery codes.
    /// They sign in with their password alone and can turn it on again from their account page.
    ResetTotp {
        /// The facilitator's email.
        email: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// API tokens for outside clients.
    Token {
        #[command(subcommand)]
        command: TokenCommands,
    },
}

#[derive(Subcommand)]
enum TokenCommands {
    /// Create a facilitator API token and print it as the last word of the output.
    Create {
        /// The facilitator the token acts for; when absent and there is exactly one account, that one.
        #[arg(long)]
        email: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CONVERGE_LOG")
                .unwrap_or_else(|_| "info".parse().unwrap_or_default()),
        )
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal; a log file or a pipe gets plain lines.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("converge: cannot start the async runtime: {error}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("converge: {error:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Commands::Serve { bind, data, public_url, trusted_proxies, templates } => {
            serve(bind, &data.data, public_url, trusted_proxies, templates).await
        }
        Commands::Export { workshop, format: ExportFormat::Json, out, at_closure, data } => {
            export(&workshop, out, at_closure, &data.data).await
        }
        Commands::Report { workshop, format, out, follow_up, data } => {
            let engine = converge_cli::open_existing(&data.data)?;
            for path in converge_cli::report::write_report(&engine, &workshop, format, &out, follow_up).await? {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Commands::Verify { file, expect_head } => verify(&file, expect_head.as_deref()),
        Commands::Tally { file, method, format, score_min, score_max, grades } => {
            let scales = converge_cli::tally::Scales { score_min, score_max, grades };
            let result = converge_cli::tally::tally(&file, method, scales)?;
            match format {
                TallyFormat::Json => println!("{}", serde_json::to_string_pretty(&result)?),
                TallyFormat::Text => print!("{}", converge_cli::tally::human(&result)),
            }
            Ok(ExitCode::SUCCESS)
        }
        Commands::Admin { command } => admin(command).await,
        Commands::Template { command } => template(command),
        Commands::Backup { data, out } => {
            let summary = converge_cli::backup::backup(&data.data, &out)?;
            println!(
                "Backed up {} workshops ({} events, every hash chain verified) to {}",
                summary.workshops.len(),
                summary.events,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Commands::Restore { backup, data, replace } => {
            let summary = converge_cli::backup::restore(&backup, &data.data, replace)?;
            println!(
                "Restored {} workshops ({} events, every hash chain verified) into {}",
                summary.workshops.len(),
                summary.events,
                data.data.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Commands::Demo { data, public_url, before_closing } => {
            let engine = open(&data.data)?;
            // The demo writes through its own actors: a running server would not see it live.
            let _lock = lock_for_serving(&data.data)?;
            let demo = converge_cli::demo::create(
                &engine,
                if before_closing {
                    converge_cli::demo::Ending::BeforeClosing
                } else {
                    converge_cli::demo::Ending::FollowedUp
                },
            )
            .await
            .with_context(|| format!("no demo made in {}", data.data.display()))?;
            print!("{}", demo.instructions(&data.data, &public_url));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn template(command: TemplateCommands) -> anyhow::Result<ExitCode> {
    use converge_engine::templates;
    match command {
        TemplateCommands::Check { file } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            match templates::parse_template_bytes(&bytes) {
                Ok(template) => {
                    let (n_activities, n_days) = (template.n_activities(), template.n_days());
                    println!(
                        "OK: {}, {n_activities} {} over {n_days} {}",
                        template.id(),
                        if n_activities == 1 { "activity" } else { "activities" },
                        if n_days == 1 { "day" } else { "days" },
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(error) => {
                    // The compilers' format, so editors and CI annotate the line.
                    eprintln!("{}:{}:{}: {}", file.display(), error.line, error.column, error.reason);
                    Ok(ExitCode::from(1))
                }
            }
        }
        TemplateCommands::List => {
            let shipped = templates::shipped();
            let width = shipped.iter().map(|template| template.id().len()).max().unwrap_or(0);
            for template in shipped {
                println!("{:width$}  {}", template.id(), template.title(converge_core::Language::Fr));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn serve(
    bind: SocketAddr,
    data: &Path,
    public_url: Option<String>,
    trusted_proxies: Vec<converge_web::net::Cidr>,
    templates: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    // A broken template is a broken input like a broken record: status 1, its line named.
    if let Some(folder) = &templates
        && let Err(error) = converge_engine::templates::with_folder(folder)
    {
        eprintln!("{error}");
        let broken = !matches!(error, converge_engine::templates::FolderError::Unreadable { .. });
        return Ok(ExitCode::from(if broken { 1 } else { 2 }));
    }
    let engine = open(data)?;
    let _lock = lock_for_serving(data)?;
    let shutdown = CancellationToken::new();
    let options = converge_cli::serve::ServeOptions { public_url: public_url.clone(), trusted_proxies, templates };
    let state = converge_cli::serve::prepare(engine, options, shutdown.clone()).await?;
    let limits = converge_cli::serve::connection_limits();
    let listener = tokio::net::TcpListener::bind(bind).await.with_context(|| format!("cannot listen on {bind}"))?;
    let address = listener.local_addr()?;
    let base = public_url.unwrap_or_else(|| format!("http://{address}"));
    if !state.engine.has_accounts().await? {
        let token = state.engine.create_setup_token().await?;
        println!("No facilitator account yet. Create the first one (the link works once, for 24 hours):");
        println!("  {}/setup/{token}", base.trim_end_matches('/'));
    }
    println!("Converge is listening on http://{address}");
    std::io::stdout().flush()?;
    let stop = shutdown.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("stopping: finishing requests in flight");
        stop.cancel();
    });
    converge_web::serve(listener, state, limits, shutdown.cancelled_owned())
        .await
        .context("the server stopped with an error")?;
    Ok(ExitCode::SUCCESS)
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        let Ok(mut terminate) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

async fn export(workshop: &str, out: Option<PathBuf>, at_closure: bool, data: &Path) -> anyhow::Result<ExitCode> {
    let id: WorkshopId = workshop.parse().with_context(|| format!("{workshop:?} is not a workshop id"))?;
    let engine = converge_cli::open_existing(data)?;
    let until = if at_closure {
        let state = match engine.state(id).await {
            Ok(state) => state,
            Err(converge_engine::EngineError::WorkshopNotFound) => bail!("no workshop {id} in {}", data.display()),
            Err(error) => return Err(error.into()),
        };
        state
            .workshop
            .closure_seq
            .with_context(|| format!("workshop {id} is not closed: it has no record at closure"))?
    } else {
        u64::MAX
    };
    let events = engine.log_until(id, until).await?;
    if events.is_empty() {
        bail!("no workshop {id} in {}", data.display());
    }
    let json = converge_report::export_json(id.as_uuid(), &events) + "\n";
    match out {
        Some(path) if path.as_os_str() != "-" => {
            std::fs::write(&path, json).with_context(|| format!("cannot write {}", path.display()))?
        }
        _ => write_stdout(json.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output. A reader that stopped early (`converge export W | head`) is not
/// an error: the command ends quietly, as Unix tools do.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => Ok(written.context("cannot write to standard output")?),
    }
}

fn verify(file: &Path, expect_head: Option<&str>) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    match converge_report::verify_export(&bytes) {
        // A sound chain that ends elsewhere (cut short, or with events after) is not the record
        // the expected head seals.
        Ok(verified)
            if expect_head.is_some_and(|expected| !expected.trim().eq_ignore_ascii_case(&verified.head_hash)) =>
        {
            println!(
                "NO MATCH: the chain is sound but ends at event {} with hash {}, not at the expected head {}. \
                 A workshop's whole log goes on after its closing (the follow-up): the record a \
                 closure report seals is `converge export WORKSHOP --at-closure`.",
                verified.n_events,
                verified.head_hash,
                expect_head.unwrap_or_default().trim()
            );
            Ok(ExitCode::from(1))
        }
        Ok(verified) => {
            println!(
                "OK: workshop {}, {} events, head hash {}",
                verified.workshop, verified.n_events, verified.head_hash
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            println!("BROKEN: {error}");
            Ok(ExitCode::from(1))
        }
    }
}

async fn admin(command: AdminCommands) -> anyhow::Result<ExitCode> {
    match command {
        AdminCommands::AddFacilitator { email, name, password, data } => {
            let password = match password {
                Some(password) => password,
                None => read_password()?,
            };
            let engine = open(&data.data)?;
            let id = engine.add_facilitator(&email, &name, &password).await?;
            println!("Facilitator {email} created ({id}).");
        }
        AdminCommands::SetupLink { public_url, data } => {
            let engine = open(&data.data)?;
            let token = engine.create_setup_token().await?;
            println!("{}/setup/{token}", public_url.trim_end_matches('/'));
        }
        AdminCommands::EraseParticipant { workshop, participant, data } => {
            let workshop: WorkshopId = workshop.parse().with_context(|| format!("{workshop} is not a workshop id"))?;
            let participant: converge_core::ParticipantId =
                participant.parse().with_context(|| format!("{participant} is not a participant id"))?;
            let engine = open(&data.data)?;
            engine.erase_participant(workshop, participant).await?;
            println!(
                "Erased the name and service of participant {participant}; their contributions stay, without a name, \
                 and the record still verifies."
            );
        }
        AdminCommands::EndSessions { email, data } => {
            let engine = open(&data.data)?;
            let account = engine
                .account_by_email(&email)
                .await?
                .with_context(|| format!("no facilitator has the email {email}"))?;
            let n_ended = engine.end_all_sessions(converge_core::AccountId::from_uuid(account.id)).await?;
            println!("Signed {} out of every browser ({n_ended} sessions ended).", account.email);
        }
        AdminCommands::ResetTotp { email, data } => {
            let engine = open(&data.data)?;
            let account = engine
                .account_by_email(&email)
                .await?
                .with_context(|| format!("no facilitator has the email {email}"))?;
            if engine.reset_totp(converge_core::AccountId::from_uuid(account.id)).await? {
                println!("Two-step sign-in removed for {}: they sign in with their password alone.", account.email);
            } else {
                println!("{} had no two-step sign-in; nothing changed.", account.email);
            }
        }
        AdminCommands::Token { command: TokenCommands::Create { email, data } } => {
            let engine = open(&data.data)?;
            let account = match email {
                Some(email) => engine
                    .account_by_email(&email)
                    .await?
                    .with_context(|| format!("no facilitator has the email {email}"))?,
                None if !engine.has_accounts().await? => anyhow::bail!(
                    "there is no facilitator account yet: create one first with `converge admin add-facilitator --email E --name N`"
                ),
                None => engine.only_account().await?.context(
                    "say which facilitator the token is for with --email (there is not exactly one account)",
                )?,
            };
            let token = engine.create_api_token(converge_core::AccountId::from_uuid(account.id)).await?;
            println!("API token for {} (shown once): {token}", account.email);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn read_password() -> anyhow::Result<String> {
    eprint!("Password (at least 8 characters): ");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        bail!("no password given: set CONVERGE_PASSWORD, pass --password, or type it on standard input");
    }
    Ok(password)
}
