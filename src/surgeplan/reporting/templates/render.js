// Draws every chart from its <script type="application/json" id="fig-…"> block.
(function () {
  "use strict";
  var record = window.surgeplanRecordError || function () {};
  var config = { displaylogo: false, responsive: true };
  function draw() {
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
  if (typeof Plotly === "undefined") {
    record("Plotly did not load");
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
