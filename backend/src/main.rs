use loket::config::Config;
use loket::startup::Application;

const USAGE: &str = "usage: loket [serve | openapi | migrate]
  serve    run the service (default)
  openapi  print the OpenAPI document (as committed in openapi/openapi.json)
  migrate  apply pending database migrations and exit";

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                // The timestamp client logs its URL as configured, which may hold the TSA
                // account's credentials: Loket logs the TSA's failures itself, without them.
                .unwrap_or_else(|_| "info,actix_server=warn,tsp_ltv=off".into()),
        )
        .init();
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let result = match command.as_str() {
        "openapi" => {
            print!("{}", loket::openapi::committed_json());
            Ok(())
        }
        "serve" | "migrate" => match Config::from_env() {
            Err(e) => Err(format!("configuration: {e}")),
            Ok(config) if command == "migrate" => {
                loket::startup::prepare_database(&config).map(|_| ())
            }
            Ok(config) => match Application::build(config) {
                Ok(app) => {
                    if app.state().config.demo_requests {
                        // Beside the server, not before it: with LOKET_MOCKS_OVER_HTTP the
                        // outside systems it asks are this very server.
                        let state = app.state();
                        actix_web::rt::spawn(async move {
                            if let Err(e) = loket::seed::demo_requests(state).await {
                                tracing::warn!(error = %e, "demo requests not seeded");
                            }
                        });
                    }
                    tracing::info!("Loket serves at http://{}", app.address());
                    app.run_until_stopped().await.map_err(|e| e.to_string())
                }
                Err(e) => Err(e),
            },
        },
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("loket: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
