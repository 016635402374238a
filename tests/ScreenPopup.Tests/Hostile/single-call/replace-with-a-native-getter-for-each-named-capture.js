function popup() {
  var groups = {};
  Object.defineProperty(groups, 'a', { get: Function.prototype.call.bind(Array.prototype.join, new Array(60000).fill(''), '') });
  var r = /a/;
  Object.defineProperty(r, 'exec', { value: function () { return { 0: 'a', index: 0, groups: groups }; } });
  return { onAnswer: 'https://x.example/?' + 'a'.replace(r, '$<a>'.repeat(250000)).length };
}
