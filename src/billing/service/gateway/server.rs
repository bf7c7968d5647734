//! `golden-hat-sim`: the gateway simulator served over HTTP with the real protocol, so tests
//! and operators can point the app at a separate process (or port) that misbehaves on demand.
//! Bodies are parsed by hand: a JSON error message can quote the offending value, and for a
//! card number sent as a JSON number that value would be the card number.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::sim::{GoldenHatSim, Reply};
use super::{CardInput, ChargeResult, GatewayError, MoneyRequest};

/// `POST /v1/tokens`. No Debug: it holds a card number.
#[derive(Deserialize)]
struct TokenRequest {
    card_number: String,
    exp_month: u32,
    exp_year: i32,
    cvc: String,
}

#[derive(Deserialize)]
struct Lookup {
    idempotency_key: String,
}

type Handle = fn(&GoldenHatSim, &str, &MoneyRequest) -> Reply;
type Find = fn(&GoldenHatSim, &str) -> Result<Option<ChargeResult>, GatewayError>;

/// Serves `sim` on `listener` until the returned server is stopped.
pub fn serve(listener: TcpListener, sim: Arc<GoldenHatSim>) -> std::io::Result<Server> {
    let data = web::Data::from(sim);
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/v1/tokens", web::post().to(tokenize))
            .route("/v1/charges", web::post().to(charge))
            .route("/v1/charges", web::get().to(find_charge))
            .route("/v1/payouts", web::post().to(payout))
            .route("/v1/payouts", web::get().to(find_payout))
    })
    .workers(1)
    .listen(listener)?
    .disable_signals()
    .run())
}

async fn tokenize(sim: web::Data<GoldenHatSim>, body: web::Bytes) -> HttpResponse {
    let Some(req) = parse::<TokenRequest>(&body) else {
        return malformed();
    };
    let card = CardInput {
        card_number: req.card_number,
        exp_month: req.exp_month,
        exp_year: req.exp_year,
        cvc: req.cvc,
    };
    pause(&sim).await;
    match sim.handle_tokenize(&card) {
        Ok(token) => HttpResponse::Ok().json(token),
        Err(e) => error_reply(e),
    }
}

async fn charge(req: HttpRequest, sim: web::Data<GoldenHatSim>, body: web::Bytes) -> HttpResponse {
    money(req, sim, body, GoldenHatSim::handle_charge).await
}

async fn payout(req: HttpRequest, sim: web::Data<GoldenHatSim>, body: web::Bytes) -> HttpResponse {
    money(req, sim, body, GoldenHatSim::handle_payout).await
}

async fn find_charge(req: HttpRequest, sim: web::Data<GoldenHatSim>) -> HttpResponse {
    find(req, sim, GoldenHatSim::handle_find_charge).await
}

async fn find_payout(req: HttpRequest, sim: web::Data<GoldenHatSim>) -> HttpResponse {
    find(req, sim, GoldenHatSim::handle_find_payout).await
}

async fn money(
    req: HttpRequest,
    sim: web::Data<GoldenHatSim>,
    body: web::Bytes,
    handle: Handle,
) -> HttpResponse {
    let Some(key) = req
        .headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
    else {
        return HttpResponse::BadRequest()
            .json(serde_json::json!({"error": "Idempotency-Key required"}));
    };
    let Some(body) = parse::<MoneyRequest>(&body) else {
        return malformed();
    };
    pause(&sim).await;
    match handle(&sim, &key, &body) {
        Reply::Done(result) => HttpResponse::Ok().json(result),
        Reply::Dropped(_) => dropped_reply(),
        Reply::ServerError => error_reply(GatewayError::Unavailable("vault jammed".into())),
        Reply::BadRequest(message) => error_reply(GatewayError::Refused(message)),
        Reply::Invalid(message) => error_reply(GatewayError::Invalid(message)),
        Reply::Conflict => error_reply(GatewayError::Conflict),
    }
}

async fn find(req: HttpRequest, sim: web::Data<GoldenHatSim>, find: Find) -> HttpResponse {
    let Ok(query) = serde_urlencoded::from_str::<Lookup>(req.query_string()) else {
        return HttpResponse::BadRequest()
            .json(serde_json::json!({"error": "idempotency_key required"}));
    };
    pause(&sim).await;
    match find(&sim, &query.idempotency_key) {
        Ok(Some(result)) => HttpResponse::Ok().json(result),
        Ok(None) => HttpResponse::NotFound().json(serde_json::json!({"error": "no such key"})),
        Err(e) => error_reply(e),
    }
}

/// The body as `T`, or None; the parser's message is dropped on purpose (see the top).
fn parse<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    serde_json::from_slice(body).ok()
}

fn malformed() -> HttpResponse {
    HttpResponse::BadRequest().json(serde_json::json!({"error": "malformed request body"}))
}

async fn pause(sim: &GoldenHatSim) {
    let latency = sim.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
}

/// The status the HTTP client maps back to the same error.
fn error_reply(e: GatewayError) -> HttpResponse {
    let mut reply = match &e {
        GatewayError::Unavailable(_) => HttpResponse::InternalServerError(),
        GatewayError::Invalid(_) => HttpResponse::UnprocessableEntity(),
        GatewayError::Conflict => HttpResponse::Conflict(),
        GatewayError::Refused(_) => HttpResponse::BadRequest(),
    };
    let message = match e {
        GatewayError::Unavailable(m) | GatewayError::Invalid(m) | GatewayError::Refused(m) => m,
        GatewayError::Conflict => "idempotency key used with other parameters".into(),
    };
    reply.json(serde_json::json!({ "error": message }))
}

/// A reply whose body breaks off after the headers: the connection is closed mid-response,
/// so the caller never learns the charge it made.
fn dropped_reply() -> HttpResponse {
    let broken = futures_util::stream::once(async {
        Err::<web::Bytes, std::io::Error>(std::io::Error::other("connection dropped"))
    });
    HttpResponse::Ok()
        .content_type("application/json")
        .streaming(broken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;
    use actix_web::http::StatusCode;

    #[test]
    fn errors_map_to_the_statuses_the_client_expects() {
        let cases = [
            (
                GatewayError::Unavailable("x".into()),
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
            (
                GatewayError::Invalid("x".into()),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (GatewayError::Conflict, StatusCode::CONFLICT),
            (GatewayError::Refused("x".into()), StatusCode::BAD_REQUEST),
        ];
        for (e, status) in cases {
            let reply = error_reply(e);
            assert_eq!(reply.status(), status);
            let body = reply.into_body().try_into_bytes().unwrap();
            let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert!(json["error"].is_string());
        }
    }

    #[test]
    fn a_card_number_sent_as_a_number_is_not_quoted_back() {
        let body =
            br#"{"card_number": 4242424242424242, "exp_month": 1, "exp_year": 2099, "cvc": "123"}"#;
        assert!(parse::<TokenRequest>(body).is_none());
        let reply = malformed();
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
    }
}
