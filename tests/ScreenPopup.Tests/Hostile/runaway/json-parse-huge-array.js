function popup() { var big = JSON.parse('[' + '1,'.repeat(200000) + '1]'); return { onAnswer: 'https://x.example/?' + big.length }; }
