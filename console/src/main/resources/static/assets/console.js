// The console's only script (CSP: scripts from this origin only, nothing inline). htmx sends the CSRF
// token of the page with every request it makes.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});
