// Loads the app. A file rather than Trunk's injected inline script, so the page runs under the
// proxy's CSP (script-src 'self' 'wasm-unsafe-eval'). Names are fixed: Trunk.toml sets
// filehash = false. The glue is imported dynamically so that a failure to fetch it, like a
// failure to fetch or compile the wasm, lands in the catch below: the loading line in
// index.html then says the app could not load instead of spinning forever.
import('./certkit-web.js')
  .then((glue) => glue.default({ module_or_path: new URL('./certkit-web_bg.wasm', import.meta.url) }))
  .catch((error) => {
    const status = document.getElementById('boot-status');
    // Gone once the app mounted: a later failure is the app's to show.
    if (!status) return;
    status.classList.add('error');
    status.setAttribute('role', 'alert');
    const line = (lang, text) => {
      const span = document.createElement('span');
      span.lang = lang;
      span.textContent = text;
      return span;
    };
    const detail = document.createElement('code');
    detail.textContent = String(error && error.message ? error.message : error);
    status.replaceChildren(
      line('en', 'The app could not load. Check the connection and reload the page.'),
      ' · ',
      line('ko', '앱을 불러오지 못했습니다. 연결을 확인하고 페이지를 새로 고치세요.'),
      document.createElement('br'),
      detail,
    );
  });
