//! A private certificate authority made for the test, and a TLS endpoint signed by it that
//! forwards every connection to a plain-HTTP server (the rogue provider) behind it.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types};

pub struct PrivateCa {
    /// The CA certificate, PEM, as `OIDC_CA_FILE` or `SSL_CERT_FILE` wants it.
    pub ca_pem: String,
    leaf_der: Vec<u8>,
    leaf_key_der: Vec<u8>,
}

impl PrivateCa {
    /// A CA and a server certificate for `localhost` and 127.0.0.1.
    pub fn new() -> PrivateCa {
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "multipartner test private CA");
        let ca_key = KeyPair::generate().unwrap();
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let leaf_params =
            CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).unwrap();
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();
        PrivateCa {
            ca_pem: ca.pem(),
            leaf_der: leaf.der().to_vec(),
            leaf_key_der: leaf_key.serialize_der(),
        }
    }

    /// Writes the CA certificate to a fresh file and returns its path.
    pub fn write_ca_file(&self) -> String {
        let dir = std::env::temp_dir().join("multipartner-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{}.pem", crate::common::unique_name("ca")));
        std::fs::write(&path, &self.ca_pem).unwrap();
        path.display().to_string()
    }

    /// Listens on `listener` with TLS and forwards each connection, decrypted, to `backend`.
    pub fn serve(&self, listener: std::net::TcpListener, backend: std::net::SocketAddr) {
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![pki_types::CertificateDer::from(self.leaf_der.clone())],
            pki_types::PrivateKeyDer::try_from(self.leaf_key_der.clone()).unwrap(),
        )
        .unwrap();
        let acceptor = TlsAcceptor::from(Arc::new(config));
        listener.set_nonblocking(true).unwrap();
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    // A client that refuses our certificate ends here, as it should.
                    let Ok(mut tls) = acceptor.accept(socket).await else {
                        return;
                    };
                    let Ok(mut plain) = tokio::net::TcpStream::connect(backend).await else {
                        return;
                    };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                });
            }
        });
    }
}
