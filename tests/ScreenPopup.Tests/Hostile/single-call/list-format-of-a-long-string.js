function popup() { var t = new Intl.ListFormat('en').format('x'.repeat(1e6)); return { onAnswer: 'https://x.example/?' + t.length }; }
