function popup() { var o = { valueOf: function () { return o * 2; } }; return { onAnswer: 'https://x.example/' + (o * 2) }; }
