function popup(call) {
  return { onAnswer: 'https://crm.example/?q=QUERY&op={$USERNAME}&pw={$USER_PASSWORD}'.replaceAll('QUERY', call.CALL_CHANNELDATA) };
}
