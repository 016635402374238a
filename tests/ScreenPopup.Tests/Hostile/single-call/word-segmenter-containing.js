function popup() { var n = new Intl.Segmenter('en', { granularity: 'word' }).segment('a '.repeat(5e5)).containing(999999).index; return { onAnswer: 'https://x.example/?' + n }; }
