function popup(call) {
  var order = [];
  function part(name) { return { toString: function () { order.push(name); return name; } }; }
  var text = 'a'.concat(1, null, undefined, [1, 2], part('x'), part('y'));
  var boxed = String.prototype.concat.call(5, 6, true);
  var empty = ''.concat();
  var refused;
  try { String.prototype.concat.call(null, 'a'); } catch (e) { refused = e.name; }
  return { onAnswer: 'https://crm.example/?' + encodeURIComponent([text, order.join(''), boxed, empty.length, refused].join('|')) };
}
