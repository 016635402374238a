function popup() { var r = { onAnswer: 'https://x.example/wide' }; for (var i = 0; i < 5000; i++) r['k' + i] = i; return r; }
