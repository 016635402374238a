function popup() { var s = 'x'.repeat(40000).replaceAll('', "$'"); return { onAnswer: 'https://x.example/?' + s.length }; }
