// JSON.parse in the sandbox (its own parser, or the engine's when a reviver is given) builds the standard values:
// "__proto__" is an ordinary key, a repeated key keeps its last value (even +0 after -0), errors are SyntaxErrors.
function popup(call) {
  var data = JSON.parse(call.CALL_CHANNELDATA);
  var special = JSON.parse('{"__proto__": {"x": 1}, "n": -0, "n": 0, "list": [1, "two", null, true, {"k": "\\u00e9"}]}');
  var revived = JSON.parse('{"a": 1, "b": 2}', function (key, value) { return typeof value === 'number' ? value * 10 : value; });
  var error;
  try { JSON.parse('{"a": 1,}'); } catch (e) { error = e.name + ': ' + e.message; }
  var parts = [data.lang, Object.keys(special).join('+'), special.__proto__.x, 1 / special.n, special.list.length, special.list[4].k, revived.a + revived.b, error];
  return { onAnswer: 'https://crm.example/?' + encodeURIComponent(parts.join('|')) };
}
