function popup() { var digits = '1'.repeat(999999).match(/\d/g); return { onAnswer: 'https://x.example/?n=' + digits.length }; }
