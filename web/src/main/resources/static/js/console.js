// The console's only script besides htmx: htmx requests carry the CSRF token read from the page's meta tags.
// No inline script anywhere: the Content-Security-Policy allows scripts from the console only.
document.addEventListener('htmx:configRequest', function (event) {
  var header = document.querySelector('meta[name="_csrf_header"]');
  var token = document.querySelector('meta[name="_csrf"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});
