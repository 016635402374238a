// String.prototype.replace and Date.prototype.toISOString in the sandbox (fast paths for the common cases, the
// engine's own implementation for the rest) give the standard's results, lastIndex included.
function popup(call) {
  var global = /o/g;
  global.lastIndex = 2;
  var single = /o/;
  single.lastIndex = 2;
  var sticky = /o/y;
  var parts = [
    call.CALL_CLI.replace(/[^0-9+]/g, ''),
    'foo'.replace(global, '0') + ':' + global.lastIndex,
    'foo'.replace(single, '0') + ':' + single.lastIndex,
    'foo'.replace(sticky, '0') + ':' + sticky.lastIndex,
    'aaa'.replace(/a*/g, '-'),
    'abc'.replace(/x*/g, '-'),
    'ab'.replace(/(a)/, '[$1]'),
    'ABC'.replace(/b/gi, 'x'),
    'Élan'.replace(/é/i, 'e'),
    new Date(Date.UTC(2026, 10, 24, 9, 30)).toISOString(),
    new Date(-1).toISOString(),
    new Date(8.64e15).toISOString(),
    new Date('0000-01-01T00:00:00Z').toISOString(),
  ];
  try { new Date(NaN).toISOString(); } catch (e) { parts.push(e.name); }
  return { onAnswer: 'https://crm.example/?' + encodeURIComponent(parts.join(' ')) };
}
