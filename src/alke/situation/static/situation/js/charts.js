// Draws the situational picture's charts. Each chart's Vega-Lite spec is a JSON data block on the
// page (no inline script runs); Vega's expression interpreter replaces eval, so the strict CSP holds.
// Every chart has a table with the same numbers next to it, so nothing depends on this script.
(function () {
  "use strict";

  var LOCALES = {
    fi: { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0€"], minus: "\u2212" },
    sv: { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0€"], minus: "\u2212" },
    en: { decimal: ".", thousands: ",", grouping: [3], currency: ["€", ""] },
  };

  function draw(el) {
    var block = document.getElementById(el.dataset.chartSpec);
    if (!block) return;
    var spec = JSON.parse(block.textContent);
    var options = {
      ast: true,
      expr: window.vegaExpressionInterpreter,
      actions: false,
      tooltip: false,
      defaultStyle: false,
      renderer: "svg",
      formatLocale: LOCALES[el.dataset.chartLocale] || LOCALES.fi,
    };
    window
      .vegaEmbed(el, spec, options)
      .then(function (result) {
        el.classList.add("chart--ready");
        // The figure is described by its aria-label; the SVG inside is decoration for screen readers.
        var svg = el.querySelector("svg");
        if (svg) svg.setAttribute("aria-hidden", "true");
        return result;
      })
      .catch(function (error) {
        el.classList.add("chart--failed");
        if (window.console) window.console.error("chart", el.dataset.chartSpec, error);
      });
  }

  function init() {
    if (!window.vegaEmbed || !window.vegaExpressionInterpreter) return;
    document.querySelectorAll("[data-chart-spec]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
