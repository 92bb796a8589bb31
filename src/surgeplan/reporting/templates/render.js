// Draws every chart from its <script type="application/json" id="fig-…"> block.
(function () {
  "use strict";
  var record = window.surgeplanRecordError || function () {};
  var config = { displaylogo: false, responsive: true };
  // A language other than English: its month names and separators, from the page.
  function registerLocale() {
    var packed = document.getElementById("plotly-packed");
    var text = packed && packed.getAttribute("data-locale");
    if (text) {
      var locale = JSON.parse(text);
      Plotly.register(locale);
      config.locale = locale.name;
    }
  }
  function draw() {
    try {
      registerLocale();
    } catch (error) {
      record("chart locale: " + error);
    }
    var blocks = document.querySelectorAll('script[type="application/json"][data-target]');
    var drawn = [];
    Array.prototype.forEach.call(blocks, function (block) {
      try {
        var figure = JSON.parse(block.textContent);
        var target = document.getElementById(block.getAttribute("data-target"));
        drawn.push(Plotly.newPlot(target, figure.data, figure.layout, config));
      } catch (error) {
        record("chart " + block.id + ": " + error);
      }
    });
    Promise.all(drawn).then(function () {
      document.documentElement.setAttribute("data-charts-drawn", String(drawn.length));
    }, function (error) {
      record("chart: " + error);
    });
  }
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".js-plotly-plot"), function (plot) {
      Plotly.Plots.resize(plot);
    });
  });
  // Plotly comes gzipped in a data block (2 MB instead of 5): unpacked with the
  // browser's DecompressionStream and run as an inline script, then the charts drawn.
  function unpackPlotly() {
    var packed = document.getElementById("plotly-packed");
    if (typeof Plotly !== "undefined" || !packed) {
      return Promise.resolve();
    }
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot unpack the chart library"));
    }
    var text = atob(packed.textContent.trim());
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i += 1) {
      bytes[i] = text.charCodeAt(i);
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(function (code) {
      var script = document.createElement("script");
      script.textContent = code;
      document.head.appendChild(script);
    });
  }
  function start() {
    unpackPlotly().then(function () {
      if (typeof Plotly === "undefined") {
        record("Plotly did not load");
      } else {
        draw();
      }
    }, function (error) {
      record("Plotly did not load: " + error);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
