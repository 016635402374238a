// The sandbox's own Array.prototype.join (it caps the result's length) must join exactly as the standard says:
// holes and null/undefined are empty, getters and an array's prototype are read, array-likes and strings work.
function popup(call) {
  var holes = [1, , 3].join('-');
  var empties = [null, undefined, 0, false].join();
  var nested = [[1, 2], [3]].join(';');
  var withGetter = [];
  Object.defineProperty(withGetter, 0, { get: function () { return 'g'; } });
  withGetter.length = 2;
  var inheriting = [, 'own'];
  Object.setPrototypeOf(inheriting, { 0: 'inherited' });
  var parts = [
    holes,
    empties,
    nested,
    withGetter.join('+'),
    Array.prototype.join.call(inheriting, '|'),
    Array.prototype.join.call({ length: 3, 0: 'a', 2: 'c' }, '.'),
    Array.prototype.join.call('xyz', '/'),
  ];
  return { onAnswer: 'https://crm.example/?' + encodeURIComponent(parts.join(' ')) };
}
