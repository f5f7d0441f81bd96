// Swagger UI for the server's OpenAPI document; the page's Content-Security-Policy allows no inline script.
(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  window.ui = window.SwaggerUIBundle({ url: root.getAttribute('data-url'), dom_id: '#swagger-ui', deepLinking: true });
}());
