// The floor page's script (see index.html): the app's selectors, none of its work.
const link = document.createElement('a');
link.href = '#/issue-end-cert';
link.dataset.page = 'IssueEndCert';
link.textContent = 'Issue End Cert';
link.addEventListener('click', (event) => {
  event.preventDefault();
  const label = document.createElement('label');
  label.textContent = 'Common name ';
  const field = document.createElement('input');
  field.id = 'IssueEndCert-x509Parameters-commonName';
  label.append(field);
  document.body.append(label);
});
const nav = document.createElement('nav');
nav.className = 'main-nav';
nav.append(link);
document.body.append(nav);
