//! The demo provider's RS256 key: generated once per process (tokens live minutes, so nothing
//! needs it to survive a restart) and published as a JWKS.

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::RsaPrivateKey;
use rsa::pkcs1v15;
use rsa::signature::{Keypair, SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::Sha256;

pub struct SigningKey {
    signer: pkcs1v15::SigningKey<Sha256>,
    kid: String,
    jwks: Value,
}

static KEY: OnceLock<SigningKey> = OnceLock::new();

impl SigningKey {
    /// The process-wide key, generated on first use.
    pub fn shared() -> &'static SigningKey {
        KEY.get_or_init(|| {
            let private = RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048)
                .expect("generating an RSA key from the OS RNG does not fail");
            SigningKey::from_private(private)
        })
    }

    pub fn from_private(private: RsaPrivateKey) -> SigningKey {
        let n = URL_SAFE_NO_PAD.encode(private.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(private.e().to_bytes_be());
        let kid = crate::security::random_token(8);
        let jwks = json!({"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": n, "e": e}]});
        SigningKey {
            signer: pkcs1v15::SigningKey::<Sha256>::new(private),
            kid,
            jwks,
        }
    }

    pub fn jwks(&self) -> &Value {
        &self.jwks
    }

    /// A compact JWS (RS256) of `claims`.
    pub fn sign_jwt(&self, claims: &Value) -> String {
        let header = json!({"alg": "RS256", "typ": "JWT", "kid": self.kid});
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature = self.signer.sign(signing_input.as_bytes()).to_bytes();
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    /// The claims of a compact JWS this key signed; `None` for anything else.
    pub fn verify_jwt(&self, jwt: &str) -> Option<Value> {
        let (signing_input, signature) = jwt.rsplit_once('.')?;
        let signature =
            pkcs1v15::Signature::try_from(URL_SAFE_NO_PAD.decode(signature).ok()?.as_slice())
                .ok()?;
        self.signer
            .verifying_key()
            .verify(signing_input.as_bytes(), &signature)
            .ok()?;
        let payload = signing_input.split('.').nth(1)?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::SigningKey;
    use serde_json::json;

    #[test]
    fn verifies_only_its_own_signatures() {
        let key = SigningKey::shared();
        let token = key.sign_jwt(&json!({"aud": "x"}));
        assert_eq!(key.verify_jwt(&token), Some(json!({"aud": "x"})));
        let (head, _) = token.rsplit_once('.').unwrap();
        let forged = format!("{head}.{}", "A".repeat(342));
        assert_eq!(key.verify_jwt(&forged), None);
        assert_eq!(key.verify_jwt("not-a-token"), None);
    }
}
