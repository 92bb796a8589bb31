// The dashboard's only script (no inline script: the CSP allows none).
// 1. Every htmx request carries the session's CSRF token from the page's meta tag.
// 2. Charts: each .plot names a <script type="application/json"> holding its figure.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute("content") : "";
}

document.addEventListener("htmx:configRequest", function (event) {
  event.detail.headers["X-CSRF-Token"] = csrfToken();
});

function drawCharts(root) {
  if (typeof Plotly === "undefined") {
    return;
  }
  root.querySelectorAll(".plot[data-figure]").forEach(function (element) {
    const source = document.getElementById(element.getAttribute("data-figure"));
    if (!source || element.dataset.drawn) {
      return;
    }
    const figure = JSON.parse(source.textContent);
    element.dataset.drawn = "true";
    Plotly.newPlot(element, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
    });
  });
}

window.addEventListener("load", function () {
  drawCharts(document);
});
