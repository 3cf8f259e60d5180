import type { RegisterDocument } from '../import/register-document';

/*
 * Example register for Woktron Ltd., derived item for item from its Dutch privacy policy
 * ("Privacy Beleid", last changed 31 March 2021; its text is in the
 * repository as test/fixtures/privacy-policy-woktron-nl.txt).
 *
 * Every `source` is a phrase copied verbatim from that policy. The policy names no legal bases,
 * no retention per category, no cookie lifetimes and no transfer mechanism: where this register
 * records such a value it is a DPO's assessment, and the description or rationale says so.
 */

// ---- names used in cross-references ------------------------------------------------------------

const WOKTRON = 'Woktron Ltd.';
const GOOGLE = 'Google LLC';

/** Data subject categories. */
const S = {
  customers: 'Customers',
  prospects: 'Prospective customers',
  visitors: 'Website visitors',
  subscribers: 'Newsletter subscribers',
  representatives: 'Legal representatives',
  abuseReporters: 'People reporting abuse',
  claimants: 'Third parties claiming infringement',
  siteVisitors: 'Visitors to data centres and offices',
  networkUsers: 'Network and infrastructure users',
} as const;

/** Data categories. */
const D = {
  contact: 'Identification and contact details',
  representative: 'Legal representative details',
  payment: 'Payment details',
  breachReports: 'Reports of suspected breaches of the terms',
  identityDocs: 'Identity documents',
  account: 'Account information',
  servicesOrdered: 'Services ordered',
  domainData: 'Domain registration data',
  ipAddresses: 'Assigned IP addresses',
  customerId: 'Customer ID',
  fees: 'Fees due and paid',
  websiteUsage: 'Website usage and cookie data',
  preferences: 'Website preferences',
  credit: 'Credit-worthiness and risk data',
} as const;

/** Collection channels. */
const C = {
  order: 'Website registration and orders',
  survey: 'Customer surveys and feedback',
  website: 'Website visits (log data and cookies)',
  newsletter: 'Newsletter sign-up',
  enquiries: 'Information requests, questions and complaints',
  abuse: 'Abuse reports',
  network: 'Use of the Woktron network and infrastructure',
  functionalCookies: 'Functional cookies',
  gaCookies: 'Google Analytics cookies',
  siteAccess: 'Identity check at data centre and office access',
  creditBureaus: 'Credit and fraud-prevention bureau reports',
} as const;

/** Purposes. */
const P = {
  orders: 'Order processing, contracts and service delivery',
  research: 'Market, retention and customer satisfaction research',
  marketing: 'Marketing activities and newsletters',
  sales: 'Sales activities and tailored offers',
  communication: 'Customer communication',
  finance: 'Financial processes and debt collection',
  credit: 'Credit-worthiness assessment and risk management',
  tosBreaches: 'Investigation of suspected breaches of the terms',
  safety: 'Safety of people and property and fraud detection',
  legalProceedings: 'Legal proceedings and gathering evidence',
  legalObligations: 'Compliance with legal obligations',
  infringementDisclosure: 'Disclosure to third parties whose rights were infringed',
  identity: 'Identity verification',
  analytics: 'Website analytics',
  preferences: 'Remembering website preferences',
} as const;

/** Legal basis codes: built-in GDPR bases (migration 1764100000001) and the national ones below. */
const L = {
  consent: 'gdpr-6-1-a',
  contract: 'gdpr-6-1-b',
  legalObligation: 'gdpr-6-1-c',
  legitimateInterests: 'gdpr-6-1-f',
  adequacy: 'gdpr-45',
  contractDerogation: 'gdpr-49-1-b',
  nlFiscalRetention: 'nl-awr-52',
  nlCriminalProcedureOrders: 'nl-sv-126na',
  nlCookieConsent: 'nl-tw-11-7a',
} as const;

/** Recipients. */
const R = {
  partners: 'Service partners and agents',
  creditBureaus: 'Credit reference and business scoring bureaus',
  fraudPrevention: 'Fraud prevention bureaus',
  domainRegistries: 'Domain name registries',
  ripe: 'RIPE NCC',
  arin: 'ARIN',
  collection: 'Collection agencies',
  lawEnforcement: 'Law enforcement agencies',
  regulators: 'Regulators',
  courts: 'Courts',
  authorities: 'Other public authorities',
  claimants: 'Infringement claimants',
  googleAnalytics: 'Google Analytics',
  paymentProviders: 'Payment service providers',
  staff: 'Authorised Woktron personnel',
} as const;

/** Retention rules. */
const T = {
  standard: 'Standard retention (7 years, up to 10 years)',
  analytics: 'Google Analytics data retention',
  functionalCookies: 'Functional cookie lifetime',
} as const;

/** Security measures. */
const M = {
  segmentation: 'Network segmentation',
  firewalls: 'Firewalls',
  antivirus: 'Antivirus software',
  diskEncryption: 'Full-disk encryption of endpoints',
  encryptedComms: 'Encrypted communication via SSL or VPN',
  siem: 'Security information and event management (SIEM)',
  awareness: 'Security awareness training',
  separationOfDuties: 'Separation of duties',
  rbac: 'Role-based access control on least privilege',
  disposal: 'Secure disposal of confidential information',
  pentest: 'Periodic penetration testing of public services',
  devMonitoring: 'Integrated security monitoring during development',
  secureTools: 'Secure working tools such as password managers',
  physicalZones: 'Physical security zones',
  authorisedPersonnel: 'Access limited to authorised personnel',
  serverAccess: 'Technical and physical access restrictions on servers',
  soc1: 'Business processes aligned with SOC 1',
  pciDss: 'Business processes aligned with PCI DSS',
} as const;

const REVIEW_DUE = '2027-03-31';
const NO_BASIS_IN_POLICY = 'The policy lists this purpose but names no legal basis; this is the DPO assessment.';

export const woktronRegister: RegisterDocument = {
  // ---- organisations ---------------------------------------------------------------------------
  organisations: [
    {
      name: WOKTRON,
      roles: ['controller'],
      description: 'Hosting, domain and network services provider.',
      internalNote:
        'The controller of every activity in this register. The policy calls it "Woktron Ltd. Company" and gives no address, country, registration number or DPO, so none is recorded. The policy obfuscates the privacy contact address as "s.e.r.v.i.c.e.s[at]woktron.com"; the real address is recorded. The 14-day response time is the policy\'s own commitment (Art. 12(3) GDPR allows one month). The policy says Woktron may charge a small fee for access: under Art. 12(5) and 15(3) GDPR the first copy must be free; a reasonable fee is allowed only for further copies or for manifestly unfounded or excessive requests.',
      privacyContactEmail: 'services@woktron.com',
      privacyResponseDays: 14,
      sourcePhrase:
        'kunt u een e-mail sturen naar s.e.r.v.i.c.e.s[at]woktron.com. Het kan 14 dagen duren voordat we op uw verzoek kunnen reageren.',
    },
    {
      name: GOOGLE,
      roles: ['processor'],
      country: 'US',
      description: 'Provider of Google Analytics, acting as processor under Art. 28 GDPR.',
      internalNote:
        'The policy names "Google Inc.", which became Google LLC in 2017. That it acts as processor under Art. 28 GDPR is what the policy says. No address is recorded because the policy gives none.',
      sourcePhrase: 'een webanalysedienst van Google Inc. (“Google”)',
    },
  ],

  // ---- data subject categories -----------------------------------------------------------------
  dataSubjectCategories: [
    {
      name: S.customers,
      description:
        'People and companies who registered on the website or ordered a Woktron service. Where the customer is a company, the data subjects are its contact persons.',
      sourcePhrase: 'Communicatie met klanten',
    },
    {
      name: S.prospects,
      description: 'People who ask about Woktron services or receive offers before becoming a customer.',
      sourcePhrase: 'vragen van (potentiële) klanten',
    },
    {
      name: S.visitors,
      description: 'Anyone who visits the Woktron website; cookies and Google Analytics apply to them.',
      sourcePhrase: 'wanneer u onze website bezoekt',
    },
    {
      name: S.subscribers,
      description: 'People who signed up for a Woktron newsletter.',
      sourcePhrase: 'U schrijft zich in voor een Woktron-nieuwsbrief.',
    },
    {
      name: S.representatives,
      description:
        'Legally authorised representatives acting for a customer, such as directors or other persons authorised to sign on behalf of a company.',
      sourcePhrase: 'wettelijk gemachtigde vertegenwoordigers',
    },
    {
      name: S.abuseReporters,
      description: 'People who report abuse, or a (suspected) breach of the Woktron terms and conditions, to Woktron.',
      sourcePhrase: 'U geeft een misbruikmelding aan bij Woktron.',
    },
    {
      name: S.claimants,
      description:
        "Third parties who claim that a customer's use of Woktron services breaches the terms or the law, for example rights holders. Woktron processes their claims and contact details and may disclose customer data to them.",
      sourcePhrase:
        'Een derde partij die heeft beweerd dat uw gebruik van Woktron diensten in strijd is met de algemene voorwaarden van Woktron of de toepasselijke wetgeving',
    },
    {
      name: S.siteVisitors,
      description: 'Customers and other people whose identity is checked when they are given access to data centres or Woktron offices.',
      sourcePhrase: 'het verlenen van toegang tot datacentra en onze kantoren',
    },
    {
      name: S.networkUsers,
      description: "People who use the Woktron network, infrastructure or other Woktron services, including customers' own users.",
      sourcePhrase: 'U maakt gebruik van het Woktron-netwerk, Woktron-infrastructuur en / of andere Woktron diensten.',
    },
  ],

  // ---- data categories -------------------------------------------------------------------------
  dataCategories: [
    {
      name: D.contact,
      description: 'Personal identification and contact information.',
      examples: ['name', 'email address', 'phone number'],
      sensitivity: 'standard',
      sourcePhrase: 'Persoonlijke identificatie-informatie (zoals naam, e-mailadres, telefoonnummer, enz.)',
    },
    {
      name: D.representative,
      description: 'Information about legally authorised representatives of a customer.',
      examples: ['name of the representative', 'capacity or authority to represent', 'contact details'],
      sensitivity: 'standard',
      sourcePhrase: 'informatie over wettelijk gemachtigde vertegenwoordigers',
    },
    {
      name: D.payment,
      description: 'Information about the payment method.',
      internalNote: 'Card data, if any is handled, falls under the PCI DSS measures.',
      examples: ['bank account number (IBAN)', 'PayPal account information'],
      sensitivity: 'standard',
      sourcePhrase: 'Informatie over uw betalingsmethode, zoals bankrekeningnummer of PayPal-rekeninginformatie.',
    },
    {
      name: D.breachReports,
      description: 'What a reporter tells Woktron about a (suspected) breach of the terms, and what Woktron records while handling it.',
      internalNote:
        'Recorded as "standard": the reports are about how a service is used, and most concern business customers. They may still describe conduct that is a criminal offence (hacking, phishing, fraud, illegal content), so they can contain Art. 10 GDPR data. Such content may only be processed as far as Art. 10 GDPR and art. 31–33 Uitvoeringswet AVG allow. It is handed to authorities only through the legal-obligations activity. No register of offenders is kept.',
      examples: [
        'description of the suspected breach',
        'URLs, IP addresses and timestamps concerned',
        'evidence supplied by the reporter',
        "reporter's contact details",
      ],
      sensitivity: 'standard',
      sourcePhrase:
        'Informatie die u aan Woktron verstrekt wanneer u Woktron op de hoogte stelt van een (vermoedelijke) schending van de algemene voorwaarden van Woktron.',
    },
    {
      name: D.identityDocs,
      description: 'Documents and information that confirm identity.',
      internalNote:
        'Recorded as "standard": identity documents are not Art. 9 data, and a passport photo is only biometric data when processed by specific technical means (Recital 51). They are high-risk, though. Dutch identity documents carry the BSN (citizen service number), a national identification number (Art. 87 GDPR). Under art. 46 Uitvoeringswet AVG, only a law may permit its use, and none applies to Woktron. A BSN, and the photo where not needed, must therefore be masked on any copy. If an unmasked BSN were kept, this would be national-id data needing its own legal ground.',
      examples: ['passport or identity card (copy or check)', 'driving licence', 'chamber of commerce extract for company representatives'],
      sensitivity: 'standard',
      sourcePhrase: 'Documenten en informatie die uw identiteit bevestigen.',
    },
    {
      name: D.account,
      description: "Information about the customer's Woktron account.",
      internalNote: 'The child categories record the items the policy lists separately.',
      examples: ['account and login name', 'account settings', 'other information relating to the account'],
      sensitivity: 'standard',
      sourcePhrase: 'Uw Woktron-accountinformatie',
    },
    {
      name: D.servicesOrdered,
      description: 'The Woktron services the customer ordered.',
      examples: ['hosting and server products', 'network services', 'contract start and end dates'],
      sensitivity: 'standard',
      parent: D.account,
      sourcePhrase: 'services die u hebt besteld',
    },
    {
      name: D.domainData,
      description: 'Domain name registration information, including the registrant data passed to the registry.',
      examples: [
        'domain name',
        'registrant name and contact details',
        'administrative and technical contacts',
        'registration and expiry dates',
      ],
      sensitivity: 'standard',
      parent: D.account,
      sourcePhrase: 'domeinnaamregistratie-informatie',
    },
    {
      name: D.ipAddresses,
      description: 'IP addresses and subnets assigned to the customer, including the assignment data registered with RIPE NCC or ARIN.',
      examples: ['IPv4/IPv6 addresses and subnets assigned', 'assignment dates', 'RIR database objects'],
      sensitivity: 'standard',
      parent: D.account,
      sourcePhrase: 'de IP-adressen die aan u zijn toegewezen',
    },
    {
      name: D.customerId,
      description: 'The customer number Woktron assigns.',
      examples: ['customer ID'],
      sensitivity: 'standard',
      parent: D.account,
      sourcePhrase: 'uw klant-ID',
    },
    {
      name: D.fees,
      description: 'Fees owed and payments received.',
      examples: ['invoices', 'amounts due', 'payments received', 'outstanding balance'],
      sensitivity: 'standard',
      parent: D.account,
      sourcePhrase: 'verschuldigde en ontvangen vergoedingen',
    },
    {
      name: D.websiteUsage,
      description:
        "Standard internet log information and visitor behaviour collected through cookies or similar technology, including the visitor's IP address as collected by Google Analytics. The IP address is truncated within the EU/EEA (IP anonymisation) and not merged with other Google data.",
      internalNote: 'The IP truncation and the no-merging are what the policy states about Google Analytics.',
      examples: [
        'IP address (truncated by Google Analytics IP anonymisation)',
        'pages visited, time and duration of visit',
        'browser, device and operating system',
        'referring website',
        'cookie identifiers',
      ],
      sensitivity: 'standard',
      sourcePhrase: 'standaard internetloginformatie en informatie over bezoekersgedrag',
    },
    {
      name: D.preferences,
      description: 'Preferences and state that functional cookies remember.',
      examples: ['preferred language', 'login status', 'location'],
      sensitivity: 'standard',
      parent: D.websiteUsage,
      sourcePhrase: 'Dit kan de taal zijn die u verkiest, uw aanmeldingsstatus en de locatie waar u zich bevindt.',
    },
    {
      name: D.credit,
      description: 'Result of credit-worthiness checks.',
      internalNote:
        'The policy does not list this category among its data categories. It is implied by the credit-worthiness purpose and by the sharing with credit reference and scoring bureaus. Scoring is an evaluation under WP248, hence the DPIA on the credit-check activity.',
      examples: ['credit score or rating', 'business scoring result', 'payment behaviour and defaults', 'credit limit set'],
      sensitivity: 'standard',
      sourcePhrase: 'nagaan of (potentiële) klanten aan financiële verplichtingen kunnen voldoen',
    },
  ],

  // ---- collection channels ---------------------------------------------------------------------
  collectionChannels: [
    {
      name: C.order,
      description: 'The person registers on the website or orders a product or service.',
      sourceType: 'data-subject',
      mechanism: 'order',
      sourcePhrase: 'U registreert zich op onze website of plaatst een bestelling voor een van onze producten of diensten.',
    },
    {
      name: C.survey,
      description: 'Voluntary customer surveys and feedback, given through the website or by email.',
      sourceType: 'data-subject',
      mechanism: 'survey',
      sourcePhrase: 'U vult vrijwillig een klantenonderzoek in of geeft feedback via onze website of via e-mail.',
    },
    {
      name: C.website,
      description: 'Using or viewing the website: standard internet log data and cookies in general.',
      internalNote:
        'The mechanism is "other" because this channel has no single cookie; the two cookie channels describe the individual cookies.',
      sourceType: 'observed',
      mechanism: 'other',
      sourcePhrase: 'U gebruikt of bekijkt onze website met behulp van de cookies van uw browser.',
    },
    {
      name: C.newsletter,
      description: 'The person subscribes to a Woktron newsletter.',
      sourceType: 'data-subject',
      mechanism: 'newsletter-signup',
      sourcePhrase: 'U schrijft zich in voor een Woktron-nieuwsbrief.',
    },
    {
      name: C.enquiries,
      description: 'Requests for information about a service, and questions, comments or complaints sent to Woktron.',
      sourceType: 'data-subject',
      mechanism: 'support-request',
      sourcePhrase:
        'U vraagt Woktron om meer informatie over een Woktron dienst, of u neemt contact op met Woktron met een vraag, opmerking of klacht.',
    },
    {
      name: C.abuse,
      description:
        "Abuse reports. For the customer a report concerns, the data comes from a third party (Art. 14 GDPR). The reporter's own contact details are provided by the reporter.",
      sourceType: 'third-party',
      mechanism: 'abuse-report',
      sourcePhrase: 'U geeft een misbruikmelding aan bij Woktron.',
    },
    {
      name: C.network,
      description:
        'Data generated when the Woktron network, infrastructure or other services are used, such as IP assignments, usage and logs.',
      sourceType: 'observed',
      mechanism: 'network-usage',
      sourcePhrase: 'U maakt gebruik van het Woktron-netwerk, Woktron-infrastructuur en / of andere Woktron diensten.',
    },
    {
      name: C.functionalCookies,
      description: 'First-party functional cookies that recognise the visitor and remember their preferences.',
      internalNote:
        'The lifetime (1 year) is an assumption: the policy does not state it and names no cookies. Login-state cookies are usually session cookies. Verify against the actual cookies.',
      sourceType: 'observed',
      mechanism: 'cookie',
      cookie: {
        provider: 'Woktron Ltd.',
        purpose:
          'Recognise the visitor on the website and remember previously selected preferences such as language, login status and location',
        lifetime: 'P1Y',
        party: 'first-party',
      },
      sourcePhrase: 'Woktron gebruikt deze cookies zodat we u op onze website herkennen en uw eerder geselecteerde voorkeuren onthouden.',
    },
    {
      name: C.gaCookies,
      description: 'Google Analytics cookies; the information they generate is transferred to and stored on Google servers in the US.',
      internalNote:
        'The policy names no cookies and gives no lifetimes. The names and the 2-year lifetime are those of the Universal Analytics version the policy describes (IP anonymisation): _ga 2 years, _gid 24 hours, _gat 1 minute. GA4 uses _ga and _ga_<container-id>, both 2 years. Verify against the live site.',
      sourceType: 'observed',
      mechanism: 'cookie',
      cookie: {
        provider: 'Google LLC',
        purpose: 'Website analytics: analysing how visitors use the website and compiling reports on website activity',
        lifetime: 'P2Y',
        party: 'third-party',
        names: ['_ga', '_gid', '_gat'],
      },
      sourcePhrase:
        'De door de cookie gegenereerde informatie over uw gebruik van deze website wordt overgebracht naar een server van Google in de VS en daar opgeslagen.',
    },
    {
      name: C.siteAccess,
      description: 'Identity checks when someone is given access to a data centre or office.',
      internalNote:
        'The policy lists this in its purposes, not among its collection channels; recorded here so identity documents have a source.',
      sourceType: 'data-subject',
      mechanism: 'in-person',
      sourcePhrase: 'het verlenen van toegang tot datacentra en onze kantoren',
    },
    {
      name: C.creditBureaus,
      description: 'Credit, fraud-prevention and business scoring information obtained from bureaus (Art. 14 GDPR).',
      internalNote:
        'The policy names the bureaus only as recipients; that Woktron also receives check results from them is implied by the credit-worthiness purpose.',
      sourceType: 'third-party',
      mechanism: 'third-party-feed',
      sourcePhrase: 'Kredietreferentie-, fraudepreventie- of bedrijfsscoresbureaus of andere kredietscorebureaus.',
    },
  ],

  // ---- purposes --------------------------------------------------------------------------------
  purposes: [
    {
      name: P.orders,
      description: 'Processing orders and contracts and delivering the services ordered.',
      sourcePhrase: 'Verwerking van bestellingen, contracten en verlening van diensten.',
    },
    {
      name: P.research,
      description: 'Market, retention and customer satisfaction research.',
      internalNote: "The first part of the policy's marketing purpose.",
      sourcePhrase: 'Het uitvoeren van markt-, retentie- en klanttevredenheidsonderzoeken',
    },
    {
      name: P.marketing,
      description: 'Marketing, including email newsletters, social media and onsite/offsite and online/offline advertising.',
      sourcePhrase:
        'het uitvoeren van marketingactiviteiten (inclusief e-mailnieuwsbrieven, sociale media en onsite / offsite en online / offline advertenties)',
    },
    {
      name: P.sales,
      description:
        'Sales, including analysing personal data and the use of Woktron services to make tailored offers and quotes, to enter into, maintain, renew or extend a customer relationship.',
      sourcePhrase:
        'het uitvoeren van verkoopactiviteiten, inclusief het analyseren van uw persoonlijke gegevens en uw gebruik van Woktron diensten voor het maken van aanbiedingen en offertes op maat met als doel het aangaan van een klantrelatie, en / of het onderhouden, vernieuwen of uitbreiden van een klantrelatie.',
    },
    {
      name: P.communication,
      description:
        'Communicating with customers: about services, offers, orders, service delivery, contract status and payments, and to provide support and maintenance. Also handling complaints and answering questions from (prospective) customers.',
      sourcePhrase:
        'Communicatie met klanten (i) om informatie te verstrekken over diensten van Woktron, (ii) om informatie te verstrekken over aanbiedingen, bestellingen, verlening van diensten, contractstatus en betalingen, (iii) om ondersteunings- en onderhoudsdiensten te verlenen, (iv) om klachten te behandelen, en (v) om vragen van (potentiële) klanten te beantwoorden.',
    },
    {
      name: P.finance,
      description:
        'Financial processes: calculating, invoicing and collecting service fees, processing financial transactions for accepted orders, and assigning collection rights to third parties.',
      sourcePhrase:
        'Het uitvoeren van financiële processen, waaronder (i) het berekenen, factureren en innen van servicekosten, (ii) het verwerken van financiële transacties met betrekking tot het accepteren van orders, en (iii) het toekennen van incassorechten aan derden.',
    },
    {
      name: P.credit,
      description:
        'Assessing credit-worthiness and managing risk, including preventing excessive credit to (prospective) customers and checking they can meet their financial obligations.',
      sourcePhrase:
        'Onderzoek naar kredietwaardigheid en risicobeheersing, waaronder het voorkomen van overmatige kredietverlening aan (potentiële) klanten en nagaan of (potentiële) klanten aan financiële verplichtingen kunnen voldoen.',
    },
    {
      name: P.tosBreaches,
      description: 'Investigating and handling suspected breaches of the Woktron terms and conditions.',
      sourcePhrase: 'Onderzoek naar en verwerking van vermoedelijke schendingen van de algemene voorwaarden van Woktron.',
    },
    {
      name: P.safety,
      description: 'Ensuring the safety of people and property (premises, equipment, network) and detecting fraud.',
      sourcePhrase: 'Het waarborgen van de veiligheid van personen en objecten, en het uitvoeren van fraudedetectie.',
    },
    {
      name: P.legalProceedings,
      description: 'Conducting legal proceedings and gathering evidence for civil proceedings concerning the data subject.',
      sourcePhrase:
        'Het voeren van juridische processen, inclusief (i) het voeren van juridische procedures, en (ii) het verzamelen van bewijsmateriaal voor civielrechtelijke procedures die op u betrekking hebben.',
    },
    {
      name: P.legalObligations,
      description:
        'Complying with legal obligations: providing data to competent authorities in criminal investigations and meeting applicable data retention obligations (such as the fiscal retention obligation).',
      internalNote: 'Part (iii) of this policy bullet is recorded as its own purpose.',
      sourcePhrase:
        'Het voldoen aan wettelijke verplichtingen, waaronder (i) het verstrekken van gegevens aan bevoegde autoriteiten in het kader van strafrechtelijk onderzoek, (ii) het voldoen aan (toepasselijke) verplichtingen inzake gegevensbewaring',
    },
    {
      name: P.infringementDisclosure,
      description: 'Providing data about customers to third parties whose rights the customer infringed.',
      internalNote:
        'The policy counts this as a legal obligation. It is recorded separately because it mostly rests on a balancing of interests, not a statutory duty.',
      sourcePhrase: '(iii) het verstrekken aan derden van gegevens over klanten in verband met een inbreuk op de rechten van deze derden.',
    },
    {
      name: P.identity,
      description: 'Establishing the identity of customers or third parties, including when granting access to data centres and offices.',
      sourcePhrase:
        'Het vaststellen van de identiteit van klanten of derden, ook met betrekking tot het verlenen van toegang tot datacentra en onze kantoren.',
    },
    {
      name: P.analytics,
      description: 'Analysing how visitors use the website and compiling reports on website activity (Google Analytics).',
      sourcePhrase: 'Google Analytics helpt met het analyseren hoe gebruikers onze website gebruiken.',
    },
    {
      name: P.preferences,
      description: 'Recognising visitors and remembering their preferences (language, login status, location) with functional cookies.',
      sourcePhrase: 'uw eerder geselecteerde voorkeuren onthouden',
    },
  ],

  // ---- national-law legal bases (the GDPR's own are built in) ----------------------------------
  legalBases: [
    {
      code: L.nlFiscalRetention,
      name: 'Fiscal retention obligation',
      kind: 'lawful-basis',
      article: 'Art. 52 Algemene wet inzake rijksbelastingen',
      description:
        'Businesses must keep their accounting records, and the data carriers on which they are kept, for seven years (art. 52(4) AWR); records on immovable property for ten (art. 52(5) AWR). Together with Art. 6(1)(c) GDPR, the basis for keeping invoices and payment data.',
      dpvIri: 'https://w3id.org/dpv#LegalObligation',
      jurisdiction: 'NL',
      sourcePhrase: 'het voldoen aan (toepasselijke) verplichtingen inzake gegevensbewaring',
    },
    {
      code: L.nlCriminalProcedureOrders,
      name: 'Production orders in criminal investigations',
      kind: 'lawful-basis',
      article: 'Art. 126n, 126na, 126nc–126nd Wetboek van Strafvordering',
      description:
        'In a criminal investigation the public prosecutor may order a provider of a communication service to hand over subscriber data (name, address, number, type of service) and traffic data. Anyone holding identifying or other stored data may likewise be ordered to hand it over. Together with Art. 6(1)(c) GDPR, the basis for providing data to competent authorities.',
      dpvIri: 'https://w3id.org/dpv#LegalObligation',
      jurisdiction: 'NL',
      sourcePhrase: 'het verstrekken van gegevens aan bevoegde autoriteiten in het kader van strafrechtelijk onderzoek',
    },
    {
      code: L.nlCookieConsent,
      name: 'Cookie consent requirement',
      kind: 'lawful-basis',
      article: 'Art. 11.7a Telecommunicatiewet',
      description:
        "Storing or reading information on a user's device requires prior information and consent. Art. 11.7a(3) exempts cookies strictly necessary for the service the user asked for. It also exempts analytics with little or no privacy impact. Recorded next to Art. 6(1)(a) GDPR where analytics cookies are set on consent.",
      jurisdiction: 'NL',
      sourcePhrase:
        'Wanneer u onze websites bezoekt, kunnen we automatisch informatie van u verzamelen via cookies of vergelijkbare technologie.',
    },
  ],

  // ---- recipients ------------------------------------------------------------------------------
  recipients: [
    {
      name: R.partners,
      description: 'Partners or agents involved in delivering the services ordered from Woktron.',
      internalNote:
        'For example data-centre operators and subcontracted support or maintenance. The policy names none; each must be recorded with its Art. 28 agreement.',
      kind: 'processor',
      category: 'service-partner',
      sourcePhrase: 'Partners of agenten die betrokken zijn bij het leveren van de diensten die zijn besteld bij Woktron.',
    },
    {
      name: R.creditBureaus,
      description: 'Credit reference, business scoring and other credit scoring bureaus; they process data for their own purposes.',
      kind: 'independent-controller',
      category: 'credit-bureau',
      sourcePhrase: 'Kredietreferentie-, fraudepreventie- of bedrijfsscoresbureaus of andere kredietscorebureaus.',
    },
    {
      name: R.fraudPrevention,
      description: 'Fraud prevention bureaus.',
      internalNote:
        'Sharing fraud suspicions with a shared warning register may involve Art. 10 GDPR data. Unless an exception in art. 32–33 UAVG applies, this needs a permit from the Autoriteit Persoonsgegevens: check before any such sharing.',
      kind: 'independent-controller',
      category: 'fraud-prevention',
      sourcePhrase: 'Kredietreferentie-, fraudepreventie- of bedrijfsscoresbureaus of andere kredietscorebureaus.',
    },
    {
      name: R.domainRegistries,
      description:
        "Registries of the top-level domains in which Woktron registers domain names in the customer's name. They are independent controllers under their own registration policies and may publish data in WHOIS/RDAP.",
      internalNote: 'Some registries are outside the EEA (see the domain/IP registration activity).',
      kind: 'independent-controller',
      category: 'domain-registry',
      sourcePhrase: 'Domeinnaam registers wanneer Woktron een domeinnaam registreert op uw naam.',
    },
    {
      name: R.ripe,
      description:
        'RIPE NCC, the regional internet registry for Europe, the Middle East and Central Asia (Amsterdam). It receives assignment data when IP subnets are obtained and records it in the RIPE Database.',
      kind: 'independent-controller',
      category: 'regional-internet-registry',
      country: 'NL',
      sourcePhrase: 'RIPE of ARIN regionale internetregisters. Bij de aankoop van IP adres subnets',
    },
    {
      name: R.arin,
      description:
        'ARIN (American Registry for Internet Numbers), the regional internet registry for North America. It receives assignment data when IP subnets in its region are obtained.',
      kind: 'independent-controller',
      category: 'regional-internet-registry',
      country: 'US',
      sourcePhrase: 'RIPE of ARIN regionale internetregisters. Bij de aankoop van IP adres subnets',
    },
    {
      name: R.collection,
      description: 'Collection agencies and other debt collection organisations, to which collection rights may be assigned.',
      internalNote:
        "They are recorded as independent controllers because the policy speaks of assigning collection rights to third parties. An agency that collects only in Woktron's name would instead be a processor.",
      kind: 'independent-controller',
      category: 'collection-agency',
      sourcePhrase: 'Incassobureaus of andere incasso organisaties.',
    },
    {
      name: R.lawEnforcement,
      description:
        'Police and public prosecution, as far as required by law (e.g. production orders under the Wetboek van Strafvordering).',
      kind: 'public-authority',
      category: 'law-enforcement',
      sourcePhrase: 'Wetshandhavingsinstanties',
    },
    {
      name: R.regulators,
      description: 'Regulatory bodies, as far as required by law (e.g. the Autoriteit Persoonsgegevens, the telecom regulator ACM).',
      kind: 'public-authority',
      category: 'regulator',
      sourcePhrase: 'regelgevende organisaties',
    },
    {
      name: R.courts,
      description: 'Courts, as far as required by law or in proceedings Woktron conducts.',
      kind: 'public-authority',
      category: 'court',
      sourcePhrase: 'rechtbanken',
    },
    {
      name: R.authorities,
      description: 'Other government bodies, as far as required by law, such as the tax authority (Belastingdienst) in a fiscal audit.',
      kind: 'public-authority',
      category: 'other',
      sourcePhrase: 'andere overheidsinstanties voor zover vereist door de wet',
    },
    {
      name: R.claimants,
      description:
        "A third party that claims a customer's use of Woktron services breaches the terms or applicable law; data is shared only as far as legally required.",
      kind: 'independent-controller',
      category: 'claimant',
      sourcePhrase:
        'Een derde partij die heeft beweerd dat uw gebruik van Woktron diensten in strijd is met de algemene voorwaarden van Woktron of de toepasselijke wetgeving (voor zover dergelijk delen wettelijk vereist is).',
    },
    {
      name: R.googleAnalytics,
      description:
        'Google Analytics, the web analytics service of Google LLC, acting as processor under Art. 28 GDPR. The IP address sent in the context of Google Analytics is not merged with other Google data.',
      internalNote:
        'The policy only says that Google acts as processor under Art. 28 GDPR. It names no agreement; the reference recorded is the terms Google offers for Analytics.',
      kind: 'processor',
      category: 'analytics-provider',
      country: 'US',
      organisation: GOOGLE,
      processingAgreementRef:
        'Google Ads Data Processing Terms (accepted in the Google Analytics account settings; incorporate the EU standard contractual clauses)',
      sourcePhrase: 'Google gebruikt deze informatie als verwerker volgens artikel 28 van de GDPR regelgeving',
    },
    {
      name: R.paymentProviders,
      description:
        'Banks and PayPal, which process the payments made with the payment methods Woktron accepts. They act as independent controllers.',
      internalNote: 'The policy does not list them among the recipients; they are implied by the payment data it collects.',
      kind: 'independent-controller',
      category: 'payment-provider',
      sourcePhrase: 'PayPal-rekeninginformatie',
    },
    {
      name: R.staff,
      description: 'Woktron employees who need the data for their work.',
      internalNote: 'Recorded for activities that share no data outside Woktron, so every activity records who has access.',
      kind: 'internal',
      category: 'internal-department',
      sourcePhrase: 'Alleen geautoriseerd personeel heeft tijdens hun werk toegang tot Persoonsgegevens.',
    },
  ],

  // ---- retention rules -------------------------------------------------------------------------
  retentionRules: [
    {
      name: T.standard,
      description: 'Personal data is kept as long as the EU law applicable to Woktron permits: typically 7 years, possibly up to 10.',
      internalNote:
        "The policy's only retention statement. The 7 years match the fiscal retention obligation; the 10 years the retention of records on immovable property (art. 52(5) AWR) or longer limitation periods. The start event is not stated by the policy; the end of the customer relationship is assumed. Data not needed for the fiscal or legal purposes (e.g. identity document copies, prospects and newsletter subscribers) should be kept much shorter.",
      duration: 'P7Y',
      maximumDuration: 'P10Y',
      startEvent: 'end of the customer relationship',
      endAction: 'erase',
      legalReference: 'Art. 52(4) and (5) Algemene wet inzake rijksbelastingen; art. 2:10 Burgerlijk Wetboek',
      sourcePhrase: 'doorgaans voor een periode van 7 jaar, maar mogelijk tot 10 jaar',
    },
    {
      name: T.analytics,
      internalNote:
        'Not stated by the policy. 14 months is the longest event-data retention available in standard Google Analytics 4; the GA4 default is 2 months, Universal Analytics defaulted to 26 months. Confirm the setting in the Google Analytics property.',
      duration: 'P14M',
      startEvent: 'collection (the website visit)',
      endAction: 'erase',
      sourcePhrase:
        'De door de cookie gegenereerde informatie over uw gebruik van deze website wordt overgebracht naar een server van Google in de VS en daar opgeslagen.',
    },
    {
      name: T.functionalCookies,
      internalNote:
        'Not stated by the policy: assumed maximum lifetime of functional cookies (login-state cookies usually end with the session). The visitor can delete cookies at any time in the browser; the policy itself only says the browser can be set to refuse them.',
      duration: 'P1Y',
      startEvent: 'cookie set or last updated',
      endAction: 'erase',
      sourcePhrase: 'uw eerder geselecteerde voorkeuren onthouden',
    },
  ],

  // ---- security measures -----------------------------------------------------------------------
  securityMeasures: [
    {
      name: M.segmentation,
      type: 'technical',
      description: 'The network is divided into separated segments.',
      sourcePhrase: 'netwerksegmentatie',
    },
    { name: M.firewalls, type: 'technical', description: 'Firewalls protect networks and systems.', sourcePhrase: 'firewalls' },
    {
      name: M.antivirus,
      type: 'technical',
      description: 'Antivirus software on systems and endpoints.',
      sourcePhrase: 'antivirussoftware',
    },
    {
      name: M.diskEncryption,
      type: 'technical',
      description: 'Full-disk encryption of endpoints (laptops, workstations).',
      sourcePhrase: 'volledige schijfversleuteling van eindpunten',
    },
    {
      name: M.encryptedComms,
      type: 'technical',
      description: 'Communication encrypted with SSL/TLS or over VPN.',
      sourcePhrase: 'gecodeerde communicatie via SSL of VPN',
    },
    {
      name: M.siem,
      type: 'technical',
      description: 'Security information and event management solutions collect and correlate security events.',
      sourcePhrase: 'beveiligingsinformatie en gebeurtenis Beheeroplossingen',
    },
    {
      name: M.awareness,
      type: 'organisational',
      description: 'Security awareness training for employees.',
      sourcePhrase: 'training op het gebied van beveiligingsbewustzijn',
    },
    {
      name: M.separationOfDuties,
      type: 'organisational',
      description: 'Conflicting tasks and responsibilities are assigned to different people.',
      sourcePhrase: 'functiescheiding',
    },
    {
      name: M.rbac,
      type: 'technical',
      description: 'Role-based access rights, granted on the principle of least privilege.',
      sourcePhrase: 'rolgebaseerde toegangsrechten (op basis van de minste bevoegdheden)',
    },
    {
      name: M.disposal,
      type: 'organisational',
      description: 'Facilities and procedures for the secure disposal of confidential information (paper and data carriers).',
      sourcePhrase: 'veilige verwijderingsfaciliteiten van vertrouwelijke informatie',
    },
    {
      name: M.pentest,
      type: 'technical',
      description: 'Public-facing services are penetration-tested periodically.',
      internalNote: 'Art. 32(1)(d) GDPR: regular testing of effectiveness.',
      sourcePhrase: 'periodieke pentesting van openbare diensten',
    },
    {
      name: M.devMonitoring,
      type: 'technical',
      description: 'Security monitoring integrated into the development process.',
      sourcePhrase: 'geïntegreerde beveiligingsmonitoring tijdens de ontwikkeling',
    },
    {
      name: M.secureTools,
      type: 'technical',
      description: 'Tools that let employees work securely, such as password managers.',
      sourcePhrase: 'tools om medewerkers in staat te stellen veilig te werken (zoals wachtwoordmanagers)',
    },
    {
      name: M.physicalZones,
      type: 'physical',
      description: 'Physical security zones in data centres and offices.',
      sourcePhrase: 'fysieke beveiligingszones',
    },
    {
      name: M.authorisedPersonnel,
      type: 'organisational',
      description: 'Only authorised personnel have access to personal data, and only in the course of their work.',
      sourcePhrase: 'Alleen geautoriseerd personeel heeft tijdens hun werk toegang tot Persoonsgegevens.',
    },
    {
      name: M.serverAccess,
      type: 'technical',
      description: 'Security procedures and technical and physical restrictions on access to and use of personal data on Woktron servers.',
      sourcePhrase:
        'We gebruiken ook beveiligingsprocedures en technische en fysieke beperkingen voor toegang tot en gebruik van de persoonlijke gegevens op onze servers.',
    },
    {
      name: M.soc1,
      type: 'organisational',
      standardReference: 'SOC 1',
      description: 'Business processes comply with SOC 1.',
      internalNote:
        "SOC 1 reports on controls relevant to customers' financial reporting, not on privacy or security as such. No report is referenced; obtain the SOC 1 report (type and period) as evidence.",
      sourcePhrase: 'Onze bedrijfsprocessen voldoen aan de beveiligingsnormen van de branche, waaronder SOC 1 en PCI DSS.',
    },
    {
      name: M.pciDss,
      type: 'organisational',
      standardReference: 'PCI DSS',
      description: 'Business processes comply with PCI DSS (payment card data security).',
      internalNote: 'No attestation is referenced; obtain the Attestation of Compliance as evidence.',
      sourcePhrase: 'Onze bedrijfsprocessen voldoen aan de beveiligingsnormen van de branche, waaronder SOC 1 en PCI DSS.',
    },
  ],

  // ---- processing activities -------------------------------------------------------------------
  activities: [
    {
      name: 'Customer orders and service delivery',
      description:
        'Taking registrations and orders, concluding contracts and delivering the hosting, network and other services ordered, partly through service partners and agents.',
      role: 'controller',
      status: 'active',
      owner: 'Sales',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.orders,
          legalBases: [L.contract, L.legitimateInterests],
          legitimateInterest:
            'Concluding and performing contracts with business customers through their contact persons and legal representatives.',
          assessmentReference: 'LIA-2021-01',
          rationale: `${NO_BASIS_IN_POLICY} Processing an order and delivering the service is necessary to perform the contract with the customer, or to take steps at their request before entering into it (Art. 6(1)(b)). Where the customer is a company, its contact persons and representatives are not party to the contract, so their data rests on Woktron's legitimate interest in doing business with that company (Art. 6(1)(f)).`,
        },
      ],
      dataSubjectCategories: [S.customers, S.prospects, S.representatives],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.representative, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.account, retentionRule: T.standard, sourceChannels: [C.order, C.network] },
        { dataCategory: D.servicesOrdered, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order] },
      ],
      collectionChannels: [C.order, C.network],
      recipients: [{ recipient: R.partners, dataCategories: [D.contact, D.servicesOrdered, D.customerId] }],
      transfers: [],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.encryptedComms, M.serverAccess, M.separationOfDuties, M.soc1],
      sourcePhrase: 'Verwerking van bestellingen, contracten en verlening van diensten.',
    },
    {
      name: 'Customer accounts and domain/IP registration',
      description:
        "Maintaining customer accounts, and registering domain names with registries and IP subnets with RIPE NCC or ARIN in the customer's name. Registries and RIRs are independent controllers and may publish registrant/assignment data under their own policies.",
      internalNote:
        'Domain registrations in TLDs whose registry is outside the EEA are further transfers. They need to be mapped per TLD with their mechanism; only ARIN is recorded as a transfer here. ARIN transfer: check whether ARIN participates in the EU-US Data Privacy Framework; if so, switch to Art. 45.',
      role: 'controller',
      status: 'active',
      owner: 'Operations',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.orders,
          legalBases: [L.contract, L.legitimateInterests],
          legitimateInterest:
            "Registering domain names and IP resources for business customers as the registries' policies require, including the data of their contact persons.",
          assessmentReference: 'LIA-2021-01',
          rationale: `${NO_BASIS_IN_POLICY} Registering a domain or IP subnet in the customer's name is the service ordered, so Art. 6(1)(b). The registry's and RIR's own policies (not statute) determine which holder data they require. For contact persons of business customers Art. 6(1)(f) applies, as for order processing.`,
        },
      ],
      dataSubjectCategories: [S.customers, S.representatives, S.networkUsers],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.account, retentionRule: T.standard, sourceChannels: [C.order, C.network] },
        { dataCategory: D.domainData, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.ipAddresses, retentionRule: T.standard, sourceChannels: [C.order, C.network] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.servicesOrdered, retentionRule: T.standard, sourceChannels: [C.order] },
      ],
      collectionChannels: [C.order, C.network],
      recipients: [
        { recipient: R.domainRegistries, dataCategories: [D.contact, D.domainData] },
        { recipient: R.ripe, dataCategories: [D.contact, D.ipAddresses] },
        { recipient: R.arin, dataCategories: [D.contact, D.ipAddresses] },
      ],
      transfers: [
        {
          recipient: R.arin,
          country: 'US',
          mechanism: L.contractDerogation,
          safeguard:
            'Only when a customer orders IP space from the ARIN region: registering the holder with ARIN is then necessary to perform that contract (Art. 49(1)(b)). Data limited to what ARIN registration policy requires.',
        },
      ],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.encryptedComms, M.serverAccess, M.segmentation, M.firewalls],
      sourcePhrase: 'RIPE of ARIN regionale internetregisters. Bij de aankoop van IP adres subnets',
    },
    {
      name: 'Billing, payment and debt collection',
      description:
        'Calculating, invoicing and collecting service fees, processing payments, keeping the financial records the tax rules require, and passing unpaid claims to collection agencies (including assigning collection rights).',
      role: 'controller',
      status: 'active',
      owner: 'Finance',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.finance,
          legalBases: [L.contract, L.legitimateInterests],
          legitimateInterest: 'Recovering unpaid fees, including by assigning claims or collection rights to collection agencies.',
          assessmentReference: 'LIA-2021-02',
          rationale: `${NO_BASIS_IN_POLICY} Invoicing and collecting the agreed fees is part of performing the contract (Art. 6(1)(b)). Passing a claim to a collection agency or assigning it is not necessary for the contract. It rests on Woktron's interest in being paid (Art. 6(1)(f)), after reminders and with the data limited to the claim.`,
        },
        {
          purpose: P.legalObligations,
          legalBases: [L.legalObligation, L.nlFiscalRetention],
          rationale:
            'Keeping invoices and payment records for 7 years is a fiscal retention obligation (art. 52 AWR, also art. 2:10 BW), so Art. 6(1)(c). This is what the policy\'s "verplichtingen inzake gegevensbewaring" refers to.',
        },
      ],
      dataSubjectCategories: [S.customers, S.representatives],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.payment, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.servicesOrdered, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.fees, retentionRule: T.standard, sourceChannels: [C.order, C.network] },
      ],
      collectionChannels: [C.order, C.network],
      recipients: [
        { recipient: R.paymentProviders, dataCategories: [D.contact, D.payment, D.fees] },
        { recipient: R.collection, dataCategories: [D.contact, D.customerId, D.servicesOrdered, D.fees] },
        { recipient: R.authorities, dataCategories: [D.contact, D.payment, D.fees] },
      ],
      transfers: [],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.separationOfDuties, M.encryptedComms, M.pciDss, M.soc1],
      sourcePhrase:
        'Het uitvoeren van financiële processen, waaronder (i) het berekenen, factureren en innen van servicekosten, (ii) het verwerken van financiële transacties met betrekking tot het accepteren van orders, en (iii) het toekennen van incassorechten aan derden.',
    },
    {
      name: 'Credit checks and risk management',
      description:
        'Checking the credit-worthiness of (prospective) customers with credit reference and business scoring bureaus, to prevent excessive credit and to check they can meet their financial obligations.',
      internalNote:
        'Scoring is evaluation in the WP248 sense, hence a DPIA. The policy does not say whether orders are refused on a score: automated decisions are not stated. If an order is refused solely on an automated score, Art. 22 GDPR applies: human review must be ensured.',
      role: 'controller',
      status: 'active',
      owner: 'Finance',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: true,
      dpiaReference: 'DPIA-2021-01',
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.credit,
          legalBases: [L.legitimateInterests, L.contract],
          legitimateInterest:
            'Preventing payment defaults and excessive credit to (prospective) customers before extending service on credit terms.',
          assessmentReference: 'LIA-2021-03',
          rationale: `${NO_BASIS_IN_POLICY} A credit check is generally not objectively necessary for the contract, so the main basis is Woktron's interest in avoiding bad debt (Art. 6(1)(f)). The balancing test and the scoring risks are covered by the DPIA. Art. 6(1)(b) is added only for the pre-contractual check a prospect triggers by asking for service on credit (post-paid) terms.`,
        },
      ],
      dataSubjectCategories: [S.customers, S.prospects, S.representatives],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.representative, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.fees, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.credit, retentionRule: T.standard, sourceChannels: [C.creditBureaus] },
      ],
      collectionChannels: [C.order, C.creditBureaus],
      recipients: [{ recipient: R.creditBureaus, dataCategories: [D.contact, D.representative] }],
      transfers: [],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.separationOfDuties, M.encryptedComms, M.soc1],
      sourcePhrase:
        'Onderzoek naar kredietwaardigheid en risicobeheersing, waaronder het voorkomen van overmatige kredietverlening aan (potentiële) klanten en nagaan of (potentiële) klanten aan financiële verplichtingen kunnen voldoen.',
    },
    {
      name: 'Customer communication and support',
      description:
        'Informing customers about services, offers, orders, service delivery, contract status and payments. Also providing support and maintenance, handling complaints and answering questions from (prospective) customers.',
      role: 'controller',
      status: 'active',
      owner: 'Customer Support',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.communication,
          legalBases: [L.contract, L.legitimateInterests],
          legitimateInterest:
            'Answering questions and complaints, including from prospects and from contact persons of business customers, and keeping customers informed about their services.',
          assessmentReference: 'LIA-2021-04',
          rationale: `${NO_BASIS_IN_POLICY} Service, contract and payment messages, support and maintenance are part of performing the contract, and answering a prospect's question is a step at their request (Art. 6(1)(b)). Complaints, and contact with persons who are not themselves party to the contract, rest on Art. 6(1)(f). Promotional messages are not covered here but under the marketing activity.`,
        },
      ],
      dataSubjectCategories: [S.customers, S.prospects, S.representatives],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order, C.enquiries] },
        { dataCategory: D.account, retentionRule: T.standard, sourceChannels: [C.order, C.enquiries] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order, C.enquiries] },
        { dataCategory: D.servicesOrdered, retentionRule: T.standard, sourceChannels: [C.order] },
      ],
      collectionChannels: [C.order, C.enquiries],
      recipients: [{ recipient: R.partners, dataCategories: [D.contact, D.customerId, D.servicesOrdered] }],
      transfers: [],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.encryptedComms, M.secureTools, M.awareness],
      sourcePhrase:
        'Communicatie met klanten (i) om informatie te verstrekken over diensten van Woktron, (ii) om informatie te verstrekken over aanbiedingen, bestellingen, verlening van diensten, contractstatus en betalingen, (iii) om ondersteunings- en onderhoudsdiensten te verlenen, (iv) om klachten te behandelen, en (v) om vragen van (potentiële) klanten te beantwoorden.',
    },
    {
      name: 'Marketing, newsletters and customer research',
      description:
        "Market, retention and satisfaction research, and email newsletters and other marketing (social media, online/offline advertising). Also sales, including analysing customers' data and service use to make tailored offers. Data subjects may object to direct marketing at any time.",
      internalNote:
        'Art. 21(2)–(3) GDPR; the policy repeats this. The policy names no mailing, survey or advertising provider: any such provider must be added as a recipient (processor or, for social-media audiences, joint controller).',
      role: 'controller',
      status: 'active',
      owner: 'Marketing',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.marketing,
          legalBases: [L.consent],
          rationale: `${NO_BASIS_IN_POLICY} Newsletters and electronic marketing to people who are not customers need consent (art. 11.7 Telecommunicatiewet; Art. 6(1)(a) GDPR), given at newsletter sign-up. The policy itself frames marketing as something the person agreed to ("Als u akkoord bent gegaan met het ontvangen van marketing"). Consent must be as easy to withdraw, via the unsubscribe link.`,
        },
        {
          purpose: P.research,
          legalBases: [L.legitimateInterests],
          legitimateInterest:
            'Understanding the market and improving services and customer retention through voluntary surveys and feedback.',
          assessmentReference: 'LIA-2021-05',
          rationale: `${NO_BASIS_IN_POLICY} Participation in surveys is voluntary and aimed at existing customers. Woktron's interest in improving its services outweighs the limited impact, so Art. 6(1)(f) applies, with an opt-out.`,
        },
        {
          purpose: P.sales,
          legalBases: [L.legitimateInterests],
          legitimateInterest:
            'Maintaining, renewing and extending relationships with existing customers by offering them similar Woktron services tailored to the services they use.',
          assessmentReference: 'LIA-2021-05',
          rationale: `${NO_BASIS_IN_POLICY} Direct marketing to existing customers may rest on Art. 6(1)(f) (Recital 47). Electronic mail to them may use the soft opt-in for own similar products (art. 11.7(3) Telecommunicatiewet), with an opt-out in every message. The analysis for tailored offers is light profiling; objection to it is absolute (Art. 21(3)).`,
        },
      ],
      dataSubjectCategories: [S.customers, S.prospects, S.subscribers],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order, C.newsletter, C.survey] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order, C.survey] },
        { dataCategory: D.servicesOrdered, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.account, retentionRule: T.standard, sourceChannels: [C.order, C.network] },
      ],
      collectionChannels: [C.order, C.newsletter, C.survey, C.network],
      recipients: [{ recipient: R.staff, dataCategories: [D.contact, D.customerId, D.servicesOrdered, D.account] }],
      transfers: [],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.encryptedComms, M.awareness],
      sourcePhrase:
        'Woktron wil u graag informatie sturen over producten en diensten van ons waarvan wij denken dat u die misschien interessant vindt.',
    },
    {
      name: 'Website analytics (Google Analytics)',
      description:
        'Analysing how visitors use the website with Google Analytics. Google processes the cookie information as processor, compiles reports and stores the data on servers in the US. IP anonymisation is active.',
      internalNote:
        'The policy describes Universal Analytics, which stopped processing on 1 July 2023; if GA4 is now used, it does not log or store IP addresses. Verify which version runs. The site shows a "Privacy Preferences" cookie tool, which supports consent as the basis. The policy (31 March 2021) predates the EU-US Data Privacy Framework and names no transfer mechanism; it should be updated.',
      role: 'controller',
      status: 'active',
      owner: 'Marketing',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.analytics,
          legalBases: [L.consent, L.nlCookieConsent],
          rationale: `${NO_BASIS_IN_POLICY} Analytics cookies are not functional, so placing them needs consent under art. 11.7a Telecommunicatiewet, and the processing then rests on Art. 6(1)(a) GDPR. The Dutch exemption for analytics with little privacy impact does not apply with confidence: data goes to a US provider, and privacy-friendly settings are not documented (data sharing off, processor terms, IP masking). Consent is obtained through the site's cookie preferences tool.`,
        },
      ],
      dataSubjectCategories: [S.visitors],
      dataCategories: [{ dataCategory: D.websiteUsage, retentionRule: T.analytics, sourceChannels: [C.gaCookies, C.website] }],
      collectionChannels: [C.gaCookies, C.website],
      recipients: [{ recipient: R.googleAnalytics, dataCategories: [D.websiteUsage] }],
      transfers: [
        {
          recipient: R.googleAnalytics,
          country: 'US',
          mechanism: L.adequacy,
          safeguard:
            'EU-US Data Privacy Framework: Commission adequacy decision of 10 July 2023; Google LLC is certified. IP anonymisation is active: IP addresses are truncated within the EU/EEA before transfer. Only in exceptional cases is the full IP address sent to a Google server in the US and truncated there. The IP address is not merged with other Google data. Google Ads Data Processing Terms with standard contractual clauses as a fallback.',
          tiaReference: 'TIA-GA-2023',
        },
      ],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.encryptedComms, M.secureTools],
      sourcePhrase: 'Woktron maakt gebruik van Google Analytics, een webanalysedienst van Google Inc. (“Google”).',
    },
    {
      name: 'Functional website cookies',
      description:
        'First-party cookies that recognise visitors and remember their preferences (language, login status, location). Visitors can refuse cookies in the browser, at the cost of some website functions.',
      role: 'controller',
      status: 'active',
      owner: 'Web Development',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.preferences,
          legalBases: [L.legitimateInterests, L.contract],
          legitimateInterest: "Offering a working, user-friendly website that remembers the visitor's language, login status and location.",
          assessmentReference: 'LIA-2021-06',
          rationale: `${NO_BASIS_IN_POLICY} Functional cookies are exempt from cookie consent (art. 11.7a(3) Telecommunicatiewet: strictly necessary for the service the visitor asks for), so no consent is sought. The processing rests on Art. 6(1)(f) for preferences. For the login state of customers in the customer portal it rests on Art. 6(1)(b).`,
        },
      ],
      dataSubjectCategories: [S.visitors, S.customers],
      dataCategories: [
        { dataCategory: D.preferences, retentionRule: T.functionalCookies, sourceChannels: [C.functionalCookies, C.website] },
      ],
      collectionChannels: [C.functionalCookies, C.website],
      recipients: [{ recipient: R.staff, dataCategories: [D.preferences] }],
      transfers: [],
      securityMeasures: [M.encryptedComms, M.serverAccess, M.pentest, M.devMonitoring],
      sourcePhrase: 'Woktron gebruikt deze cookies zodat we u op onze website herkennen en uw eerder geselecteerde voorkeuren onthouden.',
    },
    {
      name: 'Abuse handling and terms-of-service enforcement',
      description:
        'Receiving abuse reports and notices of (suspected) breaches of the terms. The customer concerned is identified, the report investigated, and measures taken (warning, takedown, suspension).',
      internalNote: 'Reports may contain data on criminal offences: see the internal note of the data category.',
      role: 'controller',
      status: 'active',
      owner: 'Abuse Desk',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.tosBreaches,
          legalBases: [L.legitimateInterests],
          legitimateInterest:
            'Keeping the network and services free of abuse and enforcing the terms. As a hosting provider Woktron must also act on notices to keep its liability exemption (art. 6:196c BW).',
          assessmentReference: 'LIA-2021-07',
          rationale: `${NO_BASIS_IN_POLICY} Investigating a report about a customer is not needed to perform that customer's contract, and reporters are not party to it. The basis is Woktron's interest in a clean network and the reporter's interest in having abuse stopped (Art. 6(1)(f)). Any data on criminal offences in a report is limited to what handling requires (Art. 10 GDPR; art. 31–33 UAVG).`,
        },
      ],
      dataSubjectCategories: [S.customers, S.abuseReporters, S.claimants, S.networkUsers],
      dataCategories: [
        { dataCategory: D.breachReports, retentionRule: T.standard, sourceChannels: [C.abuse] },
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.abuse, C.order] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.servicesOrdered, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.ipAddresses, retentionRule: T.standard, sourceChannels: [C.network, C.abuse] },
        { dataCategory: D.domainData, retentionRule: T.standard, sourceChannels: [C.order, C.abuse] },
      ],
      collectionChannels: [C.abuse, C.order, C.network],
      recipients: [
        { recipient: R.staff, dataCategories: [D.breachReports, D.contact, D.customerId, D.servicesOrdered, D.ipAddresses, D.domainData] },
      ],
      transfers: [],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.separationOfDuties, M.siem, M.segmentation],
      sourcePhrase: 'Onderzoek naar en verwerking van vermoedelijke schendingen van de algemene voorwaarden van Woktron.',
    },
    {
      name: 'Security, fraud detection and physical access',
      description:
        'Protecting people, premises, equipment and the network, monitoring for security incidents, detecting fraud (e.g. fraudulent orders or payments) and controlling physical access to data centres and offices.',
      role: 'controller',
      status: 'active',
      owner: 'Security',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.safety,
          legalBases: [L.legitimateInterests],
          legitimateInterest:
            'Protecting the safety of people and property, the security of the network and systems, and preventing and detecting fraud against Woktron.',
          assessmentReference: 'LIA-2021-08',
          rationale: `${NO_BASIS_IN_POLICY} Network and information security and fraud prevention are recognised legitimate interests (Recitals 47 and 49), so Art. 6(1)(f). Voluntary reports of suspected fraud to the police rest on the same interest. Sharing with fraud-prevention registers needs a prior check of Art. 10 GDPR and art. 33 UAVG.`,
        },
      ],
      dataSubjectCategories: [S.customers, S.networkUsers, S.siteVisitors],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order, C.siteAccess] },
        { dataCategory: D.account, retentionRule: T.standard, sourceChannels: [C.order, C.network] },
        { dataCategory: D.ipAddresses, retentionRule: T.standard, sourceChannels: [C.network] },
        { dataCategory: D.payment, retentionRule: T.standard, sourceChannels: [C.order] },
      ],
      collectionChannels: [C.order, C.network, C.siteAccess],
      recipients: [
        { recipient: R.fraudPrevention, dataCategories: [D.contact, D.payment] },
        { recipient: R.lawEnforcement, dataCategories: [D.contact, D.account, D.ipAddresses] },
      ],
      transfers: [],
      securityMeasures: [M.physicalZones, M.siem, M.segmentation, M.firewalls, M.antivirus, M.authorisedPersonnel],
      sourcePhrase: 'Het waarborgen van de veiligheid van personen en objecten, en het uitvoeren van fraudedetectie.',
    },
    {
      name: 'Legal proceedings and claims',
      description: 'Conducting legal proceedings and gathering evidence for civil proceedings concerning a customer or other data subject.',
      role: 'controller',
      status: 'active',
      owner: 'Legal',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.legalProceedings,
          legalBases: [L.legitimateInterests],
          legitimateInterest: "Establishing, exercising or defending Woktron's legal claims.",
          assessmentReference: 'LIA-2021-09',
          rationale: `${NO_BASIS_IN_POLICY} Establishing, exercising or defending legal claims is a legitimate interest (Art. 6(1)(f)). Data is limited to the dispute concerned.`,
        },
      ],
      dataSubjectCategories: [S.customers, S.representatives, S.claimants],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.representative, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.account, retentionRule: T.standard, sourceChannels: [C.order, C.network] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.fees, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.breachReports, retentionRule: T.standard, sourceChannels: [C.abuse] },
      ],
      collectionChannels: [C.order, C.network, C.abuse],
      recipients: [{ recipient: R.courts, dataCategories: [D.contact, D.representative, D.account, D.fees, D.breachReports] }],
      transfers: [],
      securityMeasures: [M.authorisedPersonnel, M.rbac, M.separationOfDuties, M.disposal],
      sourcePhrase:
        'Het voeren van juridische processen, inclusief (i) het voeren van juridische procedures, en (ii) het verzamelen van bewijsmateriaal voor civielrechtelijke procedures die op u betrekking hebben.',
    },
    {
      name: 'Compliance with legal obligations and authority requests',
      description:
        'Handling legally binding requests from law enforcement, regulators, courts and other authorities, and meeting retention obligations. Also handling requests from third parties whose rights a customer infringed: data is disclosed only as far as required, after checking each request.',
      role: 'controller',
      status: 'active',
      owner: 'Legal',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.legalObligations,
          legalBases: [L.legalObligation, L.nlCriminalProcedureOrders, L.nlFiscalRetention],
          rationale:
            'The policy itself calls these legal obligations (Art. 6(1)(c)). Providing data in criminal investigations follows from production orders under art. 126n–126nd Sv; data retention from art. 52 AWR. Only legally binding requests are honoured; informal requests are refused or go through the security activity.',
        },
        {
          purpose: P.infringementDisclosure,
          legalBases: [L.legitimateInterests, L.legalObligation],
          legitimateInterest:
            "The third party's interest in enforcing its rights against a customer who infringed them. Disclosure happens only where the infringement is sufficiently plausible and no less intrusive means exist (Dutch Supreme Court, Lycos/Pessers, 25 November 2005).",
          assessmentReference: 'LIA-2021-10',
          rationale:
            "The policy counts this as a legal obligation, but outside a court order there is usually no statutory duty. Disclosure rests on the third party's legitimate interest, weighed per request (Art. 6(1)(f)). Where a court orders it, Art. 6(1)(c) applies.",
        },
      ],
      dataSubjectCategories: [S.customers, S.representatives, S.networkUsers, S.claimants],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.account, retentionRule: T.standard, sourceChannels: [C.order, C.network] },
        { dataCategory: D.customerId, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.servicesOrdered, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.ipAddresses, retentionRule: T.standard, sourceChannels: [C.network] },
        { dataCategory: D.domainData, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.payment, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.fees, retentionRule: T.standard, sourceChannels: [C.order] },
      ],
      collectionChannels: [C.order, C.network],
      recipients: [
        {
          recipient: R.lawEnforcement,
          dataCategories: [D.contact, D.account, D.customerId, D.servicesOrdered, D.ipAddresses, D.domainData],
        },
        { recipient: R.regulators, dataCategories: [D.contact, D.account] },
        { recipient: R.courts, dataCategories: [D.contact, D.account, D.ipAddresses] },
        { recipient: R.authorities, dataCategories: [D.contact, D.payment, D.fees] },
        { recipient: R.claimants, dataCategories: [D.contact] },
      ],
      transfers: [],
      securityMeasures: [M.authorisedPersonnel, M.separationOfDuties, M.encryptedComms, M.disposal, M.soc1],
      sourcePhrase:
        'Wetshandhavingsinstanties, regelgevende organisaties, rechtbanken of andere overheidsinstanties voor zover vereist door de wet.',
    },
    {
      name: 'Identity verification',
      description:
        'Establishing the identity of customers, their representatives and third parties, at onboarding and account changes and when granting access to data centres and offices. Data-centre operators receive visitor names to grant access.',
      internalNote:
        'Verify, then keep no more than needed: no copy of the identity document unless a law requires one, and the BSN masked in any case.',
      role: 'controller',
      status: 'active',
      owner: 'Security',
      reviewDueAt: REVIEW_DUE,
      dpiaRequired: false,
      controllers: [WOKTRON],
      purposes: [
        {
          purpose: P.identity,
          legalBases: [L.contract, L.legitimateInterests],
          legitimateInterest:
            'Making sure only the right persons act on an account or enter data centres and offices, and preventing identity fraud.',
          assessmentReference: 'LIA-2021-11',
          rationale: `${NO_BASIS_IN_POLICY} Verifying who Woktron contracts with, and who may act on an account, is part of concluding and performing the contract (Art. 6(1)(b)). Checking the identity of visitors and other third parties at data centres and offices rests on security interests (Art. 6(1)(f)). Dutch law allows no BSN processing here (art. 46 UAVG).`,
        },
      ],
      dataSubjectCategories: [S.customers, S.representatives, S.siteVisitors],
      dataCategories: [
        { dataCategory: D.contact, retentionRule: T.standard, sourceChannels: [C.order, C.siteAccess] },
        { dataCategory: D.representative, retentionRule: T.standard, sourceChannels: [C.order] },
        { dataCategory: D.identityDocs, retentionRule: T.standard, sourceChannels: [C.order, C.siteAccess] },
      ],
      collectionChannels: [C.order, C.siteAccess],
      recipients: [
        { recipient: R.partners, dataCategories: [D.contact] },
        { recipient: R.staff, dataCategories: [D.contact, D.representative, D.identityDocs] },
      ],
      transfers: [],
      securityMeasures: [M.physicalZones, M.authorisedPersonnel, M.rbac, M.disposal, M.diskEncryption],
      sourcePhrase:
        'Het vaststellen van de identiteit van klanten of derden, ook met betrekking tot het verlenen van toegang tot datacentra en onze kantoren.',
    },
  ],

  // ---- the published privacy policy ------------------------------------------------------------
  privacyPolicies: [
    {
      organisation: WOKTRON,
      name: 'Privacy Beleid',
      language: 'nl',
      lastChanged: '2021-03-31',
      contactEmail: 'services@woktron.com',
      responseDays: 14,
      source:
        'In dit privacybeleid wordt uitgelegd hoe Woktron Ltd. Company de persoonlijke gegevens gebruikt die we van u verzamelen wanneer u onze website bezoekt.',
      rights: [
        {
          right: 'access',
          description: 'The right to ask Woktron for copies of your personal data.',
          feeNote: 'Woktron may charge a small fee for this service.',
          source:
            'Het recht op toegang – U heeft het recht om Woktron om kopieën van uw persoonsgegevens te verzoeken. Voor deze service kunnen wij u een kleine vergoeding vragen.',
        },
        {
          right: 'rectification',
          description:
            'The right to ask Woktron to correct information you believe is inaccurate, and to complete information you believe is incomplete.',
          source:
            'Het recht op rectificatie – U heeft het recht om Woktron te verzoeken alle informatie te corrigeren waarvan u denkt dat deze onjuist is. U heeft ook het recht om Woktron te verzoeken de informatie aan te vullen waarvan u denkt dat deze onvolledig is.',
        },
        {
          right: 'erasure',
          description: 'The right to ask Woktron, under certain conditions, to erase your personal data.',
          source:
            'Het recht tot verwijdering – U heeft onder bepaalde voorwaarden het recht om Woktron te verzoeken uw persoonsgegevens te wissen.',
        },
        {
          right: 'restriction',
          description: 'The right to ask Woktron, under certain conditions, to restrict the processing of your personal data.',
          source:
            'Het recht om de verwerking te beperken – U heeft onder bepaalde voorwaarden het recht om Woktron te verzoeken de verwerking van uw persoonsgegevens te beperken.',
        },
        {
          right: 'objection',
          description: 'The right, under certain conditions, to object to Woktron processing your personal data.',
          source:
            'Het recht om bezwaar te maken tegen verwerking – U heeft onder bepaalde voorwaarden het recht om bezwaar te maken tegen de verwerking van uw persoonsgegevens door Woktron.',
        },
        {
          right: 'portability',
          description:
            'The right to ask Woktron, under certain conditions, to transfer the data it collected to another organisation or directly to you.',
          source:
            'Het recht op overdraagbaarheid van gegevens – U heeft het recht om Woktron te verzoeken de gegevens die we hebben verzameld onder bepaalde voorwaarden over te dragen aan een andere organisatie, of rechtstreeks aan jou.',
        },
      ],
      notes: [
        {
          topic: 'Marketing opt-out',
          text: 'You have the right at any time to stop Woktron from contacting you for marketing purposes.',
          source: 'U heeft te allen tijde het recht om te voorkomen dat Woktron contact met u opneemt voor marketingdoeleinden.',
        },
        {
          topic: 'Unsubscribing from marketing',
          text: 'If you agreed to receive marketing, you can always unsubscribe later.',
          source: 'Als u akkoord bent gegaan met het ontvangen van marketing, kunt u zich later altijd afmelden.',
        },
        {
          topic: 'Managing cookies',
          text: 'You can set your browser not to accept cookies; some website features may then not work.',
          source:
            'U kunt uw browser zo instellen dat deze geen cookies accepteert. In enkele gevallen werken sommige van onze websitefuncties daardoor mogelijk niet.',
        },
        {
          topic: 'Preventing Google Analytics collection',
          text: 'You can prevent Google from collecting the data the cookie generates about your use of the website (including your IP address) by choosing the appropriate browser settings.',
          source:
            'U kunt voorkomen dat Google de gegevens verzamelt die door de cookie worden gegenereerd en betrekking hebben op uw gebruik van de website (inclusief uw IP-adres) door in uw browser de daarvoor geëigende instellingen te kiezen.',
        },
        {
          topic: 'Links to other websites',
          text: "The Woktron website links to other websites. This policy applies only to Woktron's website; read the other site's privacy policy when you follow a link.",
          source:
            'De website van Woktron bevat links naar andere websites. Ons privacybeleid is alleen van toepassing op onze website. Als u op een link naar een andere website klikt, dient u hun privacybeleid te lezen.',
        },
        {
          topic: 'Changes to the policy',
          text: 'Woktron may change the privacy statement and will post revisions on its website; check the page regularly for changes.',
          source:
            'Woktron behoudt zich het recht voor om de privacyverklaring te wijzigen en zal eventuele herzieningen op de Woktron-website plaatsen. Wij raden u aan om regelmatig op deze pagina te kijken of er wijzigingen zijn doorgevoerd.',
        },
        {
          topic: 'Cookie preferences tool',
          text: 'The website offers a privacy preferences panel where visitors can change which services may store information in their browser.',
          source: 'Here you can change your privacy preferences.',
        },
      ],
    },
  ],
};

// ---- systems: where the data lives (issue 20, the data map) ---------------------------------------
// Kept as a block of its own after the register, so it merges with edits of the entries above.
// The policy names five systems. It states a kind, a provider or a hosting country only where
// quoted below; everything else stays not stated. It ties only Google Analytics to a processing
// (the website analytics); which activities use the other four it does not say, so none is linked
// to them and the findings report each as used by no activity, for the DPO to complete.

/** Systems. */
const Y = {
  googleAnalytics: 'Google Analytics',
  servers: 'Woktron servers',
  endpoints: 'Endpoints',
  siem: 'Security information and event management solutions',
  passwordManagers: 'Password managers',
} as const;

woktronRegister.systems = [
  {
    name: Y.googleAnalytics,
    description:
      'The web analytics service of Google that analyses how visitors use the website. The information the cookie generates is transferred to and stored on a Google server in the US.',
    kind: 'saas',
    provider: GOOGLE,
    hostingCountries: ['US'],
    internalNote:
      'Kind: the policy calls it "een webanalysedienst" (a web analytics service) of Google, i.e. a service Google runs: recorded as saas. Hosting: the US, as the policy says. IP addresses are truncated within the EU/EEA before that (IP anonymisation). The policy ties no security measure to it.',
    sourcePhrase:
      'De door de cookie gegenereerde informatie over uw gebruik van deze website wordt overgebracht naar een server van Google in de VS en daar opgeslagen.',
  },
  {
    name: Y.servers,
    description: "Woktron's own servers, which hold personal data behind technical and physical access restrictions.",
    provider: WOKTRON,
    securityMeasures: [M.serverAccess],
    internalNote:
      'The policy says "onze servers" (our servers): Woktron operates them. It does not say where they stand nor which processing keeps data on them; kind and hosting are not stated (servers are none of the kinds the register knows).',
    sourcePhrase:
      'We gebruiken ook beveiligingsprocedures en technische en fysieke beperkingen voor toegang tot en gebruik van de persoonlijke gegevens op onze servers.',
  },
  {
    name: Y.endpoints,
    description: 'Endpoints, whose disks are fully encrypted.',
    kind: 'device',
    securityMeasures: [M.diskEncryption],
    internalNote:
      'The policy names endpoints ("eindpunten") only for their full-disk encryption; read as the employees\' laptops and workstations. Whose devices, where they are and which processing uses them it does not say.',
    sourcePhrase: 'volledige schijfversleuteling van eindpunten',
  },
  {
    name: Y.siem,
    description: 'Security information and event management (SIEM) solutions: the security monitoring.',
    internalNote:
      'The policy names them among its security measures only. Which product, who provides it, where it is hosted and which logs (personal data) it holds are not stated.',
    sourcePhrase: 'beveiligingsinformatie en gebeurtenis Beheeroplossingen',
  },
  {
    name: Y.passwordManagers,
    description: 'Tools that let employees work securely, such as password managers.',
    internalNote:
      'The policy names password managers as an example of tools for secure working. Which product, who provides it and where it is hosted are not stated.',
    sourcePhrase: 'tools om medewerkers in staat te stellen veilig te werken (zoals wachtwoordmanagers)',
  },
];

/** The activities the policy ties a system to, with the data categories it keeps there. */
const systemsUsed: Record<string, NonNullable<(typeof woktronRegister.activities)[number]['systems']>> = {
  'Website analytics (Google Analytics)': [{ system: Y.googleAnalytics, dataCategories: [D.websiteUsage] }],
};
for (const activity of woktronRegister.activities) {
  const used = systemsUsed[activity.name];
  if (used) activity.systems = used;
}
