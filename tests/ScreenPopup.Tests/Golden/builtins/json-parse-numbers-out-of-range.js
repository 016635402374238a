// JSON numbers beyond a double's range are infinities, and below its smallest are zero, as the standard's
// Number conversion says, on every build (.NET Framework's parser throws on overflow; the library's does not).
function popup(call) {
  var values = JSON.parse('[1e400, -1e400, 1e-400, -1e-400, 123456789012345678901234567890]');
  var parts = values.map(function (v) { return Object.is(v, -0) ? '-0' : String(v); });
  return { onAnswer: 'https://crm.example/?' + encodeURIComponent(parts.join('|')) };
}
