({ onAnswer: 'https://crm.example/', onAnswere: 'https://crm.example/typo', webClientTabName: 'crm' })
