({ onAnswere: 'https://crm.example/', onAnswer: 'https://crm.example/ok', extra: 1 })
