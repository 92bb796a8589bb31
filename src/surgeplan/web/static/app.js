// The dashboard's only script (no inline script: the CSP allows none).
// 1. Every htmx request carries the session's CSRF token from the page's meta tag.
// 2. Charts: each .plot names a <script type="application/json"> holding its figure.
// 3. A page in another language than English carries Plotly's locale (month and
//    day names, separators, made from Babel's data by the server) in the JSON
//    element #plotly-locale; it is registered before the first chart is drawn.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute("content") : "";
}

document.addEventListener("htmx:configRequest", function (event) {
  event.detail.headers["X-CSRF-Token"] = csrfToken();
});

function chartLocale() {
  const source = document.getElementById("plotly-locale");
  if (!source) {
    return null;
  }
  const locale = JSON.parse(source.textContent);
  Plotly.register(locale);
  return locale.name;
}

function drawCharts(root) {
  if (typeof Plotly === "undefined") {
    return;
  }
  const config = { responsive: true, displaylogo: false };
  const locale = chartLocale();
  if (locale) {
    config.locale = locale;
  }
  root.querySelectorAll(".plot[data-figure]").forEach(function (element) {
    const source = document.getElementById(element.getAttribute("data-figure"));
    if (!source || element.dataset.drawn) {
      return;
    }
    const figure = JSON.parse(source.textContent);
    element.dataset.drawn = "true";
    Plotly.newPlot(element, figure.data, figure.layout, config);
  });
}

window.addEventListener("load", function () {
  drawCharts(document);
});
