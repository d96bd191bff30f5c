//! The flows of "Issue with my own key": make a key and its CSR in the page, and encrypt the
//! key with a passphrase. WebCrypto does the crypto ([`crate::webcrypto`]), certkit-x509 the
//! structures ([`crate::state::own_key`]); the results arrive as [`Action`]s. Sending the CSR
//! is the ordinary send of Sign End Csr.

use certkit_core::operation::OperationKind;

use crate::send::Dispatch;
use crate::state::own_key::{
    csr_pem, encrypted_key_pem, private_key_pem, request_info, subject_problems, IV_LEN,
    PBKDF2_ITERATIONS, SALT_LEN,
};
use crate::state::{Action, AppState, Encryption, GeneratedKey, Generation};
use crate::webcrypto;

/// Makes a key of the chosen kind and a CSR for the typed subject, signed with it. Subject
/// fields that break Issue End Cert's rules stop it before anything is made.
pub fn generate(state: &AppState, dispatch: Dispatch) {
    if state.own_key.generation == Generation::Working {
        return;
    }
    let values = state.form(OperationKind::SignEndCsr).values.clone();
    if !subject_problems(&values).is_empty() {
        dispatch.dispatch(Action::OwnKeySubjectInvalid);
        return;
    }
    let choice = state.own_key.choice;
    dispatch.dispatch(Action::OwnKeyGenerating);
    wasm_bindgen_futures::spawn_local(async move {
        let made = async {
            let pair = webcrypto::generate(choice).await?;
            let info = request_info(&values, &pair.spki).map_err(|e| e.to_string())?;
            let signature = webcrypto::sign(&pair.private, choice, &info).await?;
            let csr = csr_pem(&info, choice, &signature).map_err(|e| e.to_string())?;
            let key = GeneratedKey {
                choice,
                pkcs8_pem: private_key_pem(&pair.pkcs8),
            };
            Ok::<_, String>((key, csr))
        };
        dispatch.dispatch(match made.await {
            Ok((key, csr_pem)) => Action::OwnKeyGenerated { key, csr_pem },
            Err(message) => Action::OwnKeyFailed(message),
        });
    });
}

/// Encrypts the generated key with the typed passphrase (PBES2: PBKDF2-HMAC-SHA-256 with a
/// fresh salt, AES-256-CBC with a fresh IV).
pub fn encrypt(state: &AppState, dispatch: Dispatch) {
    let own = &state.own_key;
    let Some(key) = &own.key else {
        return;
    };
    if own.passphrase.is_empty() || own.encryption == Encryption::Working {
        return;
    }
    let pkcs8 = certkit_x509::parse_bundle(key.pkcs8_pem.expose())
        .ok()
        .and_then(|bundle| bundle.blocks.into_iter().next())
        .map(|block| block.der);
    let randoms =
        webcrypto::random(SALT_LEN).and_then(|salt| Ok((salt, webcrypto::random(IV_LEN)?)));
    let (Some(pkcs8), Ok((salt, iv))) = (pkcs8, randoms) else {
        dispatch.dispatch(Action::OwnKeyEncrypting);
        dispatch.dispatch(Action::OwnKeyEncrypted(Err(
            "no key or no randomness".into()
        )));
        return;
    };
    let passphrase = own.passphrase.clone();
    dispatch.dispatch(Action::OwnKeyEncrypting);
    wasm_bindgen_futures::spawn_local(async move {
        let iv: [u8; IV_LEN] = iv.try_into().unwrap_or([0; IV_LEN]);
        let result =
            webcrypto::pbes2_encrypt(passphrase.expose(), &salt, PBKDF2_ITERATIONS, &iv, &pkcs8)
                .await
                .and_then(|ciphertext| {
                    encrypted_key_pem(&salt, PBKDF2_ITERATIONS, &iv, &ciphertext)
                        .map_err(|e| e.to_string())
                });
        dispatch.dispatch(Action::OwnKeyEncrypted(result));
    });
}
