({ onAnswer: 'https://crm.example/?q=' + 'x'.repeat(9000) })
