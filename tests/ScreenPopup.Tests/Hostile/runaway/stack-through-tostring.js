function popup() { var o = { toString: function () { return '' + o; } }; return { onAnswer: 'https://x.example/' + o }; }
