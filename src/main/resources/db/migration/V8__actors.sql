-- Who did it (issue 11): the person signed in behind a step of a notice's history (issued, withdrew, abandoned,
-- restored); null for the steps the gateway or a partner took. The signed notice names its officer too.
alter table notice_event add column actor varchar(100);
