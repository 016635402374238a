async function popup() { return { onAnswer: 'https://crm.example/' }; }
