function popup() { var it = [1].values(); for (var i = 0; i < 50000; i++) { it = it.map(Math.abs); } return { onAnswer: 'https://x.example/?' + it.next().value }; }
