function popup(call) {
  return { onAnswer: 'https://crm.example/' + };
}
