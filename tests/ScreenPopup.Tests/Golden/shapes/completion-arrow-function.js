(call) => ({ onAnswer: 'https://crm.example/?dnis=' + call.CALL_DNIS, webClientOpenNewTab: true })
