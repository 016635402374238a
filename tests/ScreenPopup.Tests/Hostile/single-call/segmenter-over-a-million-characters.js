function popup() { var n = [...new Intl.Segmenter().segment('x'.repeat(1e6))].length; return { onAnswer: 'https://x.example/?' + n }; }
