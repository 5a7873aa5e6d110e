"""A CAMT.053 statement written as a bank writes it (version .001.08), from a list of entries."""

from __future__ import annotations

from xml.sax.saxutils import escape


def entry(amount: str, booked: str, *, credit: bool = True, name: str = "", text: str = "", ref: str = "",
          status: str = "BOOK", end_to_end: str = "NOTPROVIDED") -> str:
    party = "Dbtr" if credit else "Cdtr"
    return f"""
      <Ntry>
        <Amt Ccy="EUR">{amount}</Amt>
        <CdtDbtInd>{"CRDT" if credit else "DBIT"}</CdtDbtInd>
        <Sts><Cd>{status}</Cd></Sts>
        <BookgDt><Dt>{booked}</Dt></BookgDt>
        <ValDt><Dt>{booked}</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>{end_to_end}</EndToEndId></Refs>
          <RltdPties><{party}><Pty><Nm>{escape(name)}</Nm></Pty></{party}></RltdPties>
          <RmtInf><Ustrd>{escape(text)}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>"""


def statement(entries: list[str], opening: str, closing: str, iban: str = "FR7630006000011234567890189") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-2025-08</MsgId><CreDtTm>2025-08-05T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2025-08-001</Id>
      <CreDtTm>2025-08-05T06:00:00</CreDtTm>
      <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{opening}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2025-07-27</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{closing}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2025-08-04</Dt></Dt></Bal>{"".join(entries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>""".encode()
