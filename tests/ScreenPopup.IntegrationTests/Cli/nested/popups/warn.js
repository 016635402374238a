({ onAnswer: 'https://crm.example/', webClientTabName: 'crm' })
