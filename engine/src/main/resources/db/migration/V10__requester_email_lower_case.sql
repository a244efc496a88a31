-- Requester addresses are stored in lower case since this version (TicketService.open): tickets
-- opened through the API before kept the case they were typed in.
update ticket set requester_email = lower(requester_email) where requester_email <> lower(requester_email);
