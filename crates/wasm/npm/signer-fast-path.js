// `Signer.prototype.sign`'s fast path, appended by `cargo xtask npm` to both wasm-bindgen
// builds (node/ and web/), so it is written without import or export and uses only the class
// `Signer` of the module it joins. Passing the strings in and the signature out through
// wasm-bindgen costs more than the HMAC itself (TextDecoder's fixed cost, a malloc per
// string), so here the method and path are written as ASCII into a scratch buffer in the wasm
// memory, one call signs them there, and the 44 ASCII bytes of the signature are read back
// with String.fromCharCode. Anything else (a non-string, a non-ASCII character, a request
// longer than the buffer, a timestamp the wasm side refuses) goes through the generated
// `sign`, so results and errors are the same either way.
{
  const generatedSign = Signer.prototype.sign;
  // The wasm side's two entries, taken off the class: the API stays as declared, and no
  // caller gets a view of the wasm memory, where signers keep their keys.
  const scratchView = Signer.__scratch;
  const signScratch = Signer.prototype.__signScratch;
  delete Signer.__scratch;
  delete Signer.prototype.__signScratch;
  // The view of the buffer; null until the first call (the web build's wasm is loaded after
  // this module) and renewed when a memory growth has detached it (byteLength 0).
  let scratch = null;
  Signer.prototype.sign = function sign(method, pathAndQuery, timestampMs) {
    if (typeof method === 'string' && typeof pathAndQuery === 'string') {
      if (scratch === null || scratch.byteLength === 0) scratch = scratchView();
      let s = scratch;
      const methodLen = method.length;
      const end = methodLen + pathAndQuery.length;
      let ascii = end <= s.length;
      for (let i = 0; ascii && i < methodLen; i++) {
        const code = method.charCodeAt(i);
        s[i] = code;
        ascii = code < 0x80;
      }
      for (let i = methodLen; ascii && i < end; i++) {
        const code = pathAndQuery.charCodeAt(i - methodLen);
        s[i] = code;
        ascii = code < 0x80;
      }
      if (ascii && signScratch.call(this, methodLen, end - methodLen, timestampMs)) {
        // (Signing allocates nothing, so the view should still be attached; renewing it
        // costs nothing when it is.) One call with 44 arguments is V8's cheapest way to a
        // short string from bytes: about half TextDecoder's time.
        if (s.byteLength === 0) s = scratch = scratchView();
        return String.fromCharCode(
          s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10],
          s[11], s[12], s[13], s[14], s[15], s[16], s[17], s[18], s[19], s[20], s[21],
          s[22], s[23], s[24], s[25], s[26], s[27], s[28], s[29], s[30], s[31], s[32],
          s[33], s[34], s[35], s[36], s[37], s[38], s[39], s[40], s[41], s[42], s[43],
        );
      }
    }
    return generatedSign.call(this, method, pathAndQuery, timestampMs);
  };
}
