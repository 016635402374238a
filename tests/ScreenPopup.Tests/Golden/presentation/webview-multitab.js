({ onRing: 'https://crm.example/ring' })
