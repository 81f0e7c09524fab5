/*
 * signpost embed loader. Put it where the wizard should appear:
 *
 *   <script src="https://signpost.example.edu/embed.js" data-flow="join"
 *           data-accent="#0b5cad" data-font="Georgia, serif" data-radius="4px" async></script>
 *
 * It inserts a frame of the wizard, from the origin this script came from, in place of the tag,
 * and sets the frame's height to the wizard's height whenever the wizard reports it. A report
 * counts only if it comes from that origin and from this very frame, so neither the page, nor
 * another frame, nor another site can resize it. The wizard addresses its reports to this
 * page's origin only (the `host` parameter). No dependencies, no globals.
 */
(function () {
  'use strict';

  var MIN_HEIGHT = 150;
  var MAX_HEIGHT = 10000;

  // Only set while this script runs for the first time, so it is read before anything else.
  var script = document.currentScript;
  if (!script || !script.src || !script.parentNode) return;
  var origin = new URL(script.src, location.href).origin;

  // encodeURIComponent, not URLSearchParams: the wizard reads "+" as a plus, not a space.
  var query = [];
  function add(name, value) {
    query.push(name + '=' + encodeURIComponent(value));
  }
  var flow = script.getAttribute('data-flow');
  if (flow) add('flow', flow);
  // A step of that flow by its id, which a publish that moves answers does not break.
  var to = script.getAttribute('data-to');
  if (flow && to) add('to', to);
  // Without it, the wizard speaks the browser's language.
  var lang = script.getAttribute('data-lang');
  if (lang) add('lang', lang);
  add('embed', '1');
  add('host', location.origin);
  ['accent', 'font', 'radius'].forEach(function (name) {
    var value = script.getAttribute('data-' + name);
    if (value) add(name, value);
  });

  var frame = document.createElement('iframe');
  frame.src = origin + '/?' + query.join('&');
  frame.title = script.getAttribute('data-title') || 'Amazon Business help';
  // Through the CSSOM, which a page's Content-Security-Policy allows where style="" would not be.
  frame.style.display = 'block';
  frame.style.width = '100%';
  frame.style.border = '0';
  frame.style.height = '480px';
  script.parentNode.insertBefore(frame, script);

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.type !== 'signpost:height') return;
    if (typeof data.height !== 'number' || !isFinite(data.height)) return;
    var height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(data.height)));
    frame.style.height = height + 'px';
  });
})();
