BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0001');
CREATE TABLE briefing_snapshot (
	id INTEGER NOT NULL, 
	process VARCHAR(100) NOT NULL, 
	as_of DATE NOT NULL, 
	created_at DATETIME NOT NULL, 
	payload TEXT NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "briefing_snapshot" VALUES(1,'post2020','2020-01-06','2026-11-30 11:57:25.236958','{"as_of":"2020-01-06","counts":{"at_risk":7,"blocked":0,"cancelled":0,"delivered":14,"due_soon":1,"on_track":17,"overdue":3},"facts":["1","2"],"meetings":{"ahteg-dsi-meeting":{"closes":"2020-03-20","opens":"2020-03-17","status":"scheduled","venue":"Montreal, Canada"},"consult-capacity-building":{"closes":"2020-03-01","opens":"2020-03-01","status":"scheduled","venue":"Kunming, China"},"consult-iucn":{"closes":null,"opens":null,"status":"unscheduled","venue":null},"consult-marine":{"closes":"2019-11-15","opens":"2019-11-13","status":"held","venue":"Montreal, Canada"},"consult-resource-mobilization":{"closes":null,"opens":null,"status":"tentative","venue":null},"consult-restoration":{"closes":"2019-11-01","opens":"2019-10-30","status":"held","venue":"Rio de Janeiro, Brazil"},"consult-review":{"closes":"2020-02-22","opens":"2020-02-21","status":"tentative","venue":"Kunming, China"},"cop-15":{"closes":"2020-10-28","opens":"2020-10-15","status":"scheduled","venue":"Kunming, China"},"cp-liaison-group":{"closes":"2019-10-25","opens":"2019-10-22","status":"held","venue":"Montreal, Canada"},"dsi-dialogue":{"closes":"2019-11-08","opens":"2019-11-06","status":"held","venue":"Pretoria, South Africa"},"informal-briefing":{"closes":"2019-11-24","opens":"2019-11-24","status":"held","venue":"Montreal, Canada"},"np-compliance-committee-meeting":{"closes":"2020-04-23","opens":"2020-04-21","status":"scheduled","venue":"Montreal, Canada"},"sbi-3":{"closes":"2020-05-30","opens":"2020-05-25","status":"scheduled","venue":"Montreal, Canada"},"sbstta-23":{"closes":"2019-11-29","opens":"2019-11-25","status":"held","venue":"Montreal, Canada"},"sbstta-24":{"closes":"2020-05-23","opens":"2020-05-18","status":"scheduled","venue":"Montreal, Canada"},"unu-landscapes":{"closes":"2019-09-06","opens":"2019-09-04","status":"held","venue":"Japan"},"wg2020-1":{"closes":"2019-08-30","opens":"2019-08-27","status":"held","venue":"Nairobi, Kenya"},"wg2020-2":{"closes":"2020-02-28","opens":"2020-02-24","status":"scheduled","venue":"Kunming, China"},"wg2020-3":{"closes":"2020-07-31","opens":"2020-07-27","status":"scheduled","venue":"Cali, Colombia"},"wg8j-11":{"closes":"2019-11-22","opens":"2019-11-20","status":"held","venue":"Montreal, Canada"},"ws-area-based":{"closes":null,"opens":null,"status":"unscheduled","venue":null},"ws-review-mechanisms":{"closes":null,"opens":null,"status":"tentative","venue":null},"ws-subnational":{"closes":"2020-04-03","opens":"2020-04-01","status":"scheduled","venue":"Edinburgh, United Kingdom"},"ws-synergies":{"closes":null,"opens":null,"status":"unscheduled","venue":"Switzerland (venue to be determined)"}},"outputs":{"ahteg-dsi-recs":{"due":"2020-04-03","status":"on_track"},"annex2-list-updates":{"due":"2019-10-01","status":"overdue"},"bureau-progress-reports":{"due":"2019-10-01","status":"overdue"},"consult-capacity-building-report":{"due":"2020-03-01","status":"on_track"},"consult-iucn-report":{"due":null,"status":"at_risk"},"consult-marine-report":{"due":"2019-11-29","status":"delivered"},"consult-resource-mobilization-report":{"due":"2020-03-14","status":"at_risk"},"consult-restoration-report":{"due":"2019-11-15","status":"delivered"},"consult-review-report":{"due":"2020-02-22","status":"at_risk"},"cp-liaison-group-biosafety-draft":{"due":"2019-11-08","status":"delivered"},"detailed-workplan":{"due":"2019-11-24","status":"overdue"},"dsi-dialogue-outcome":{"due":"2019-12-08","status":"delivered"},"informal-briefing-progress":{"due":"2019-11-24","status":"delivered"},"mainstreaming-iag-report":{"due":"2020-04-13","status":"on_track"},"np-compliance-committee-recs":{"due":"2020-05-07","status":"on_track"},"sbi-3-recs-financial-mechanism":{"due":"2020-05-30","status":"on_track"},"sbi-3-recs-gender":{"due":"2020-05-30","status":"on_track"},"sbi-3-recs-knowledge-management":{"due":"2020-05-30","status":"on_track"},"sbi-3-recs-mainstreaming":{"due":"2020-05-30","status":"on_track"},"sbi-3-recs-national-reporting":{"due":"2020-05-30","status":"on_track"},"sbi-3-recs-resource-mobilization":{"due":"2020-05-30","status":"on_track"},"sbi-3-recs-review-mechanisms":{"due":"2020-05-30","status":"on_track"},"sbi-3-recs-wg-requests":{"due":"2020-05-30","status":"on_track"},"sbstta-23-conclusions":{"due":"2019-11-29","status":"delivered"},"sbstta-23-recs-wg2020-1-requests":{"due":"2019-11-29","status":"delivered"},"sbstta-24-guidance-targets-indicators":{"due":"2020-05-23","status":"on_track"},"sbstta-24-recs-scientific-technical":{"due":"2020-05-23","status":"on_track"},"sbstta-24-recs-wg-requests":{"due":"2020-05-23","status":"on_track"},"unu-landscapes-report":{"due":"2019-10-06","status":"delivered"},"views-structure":{"due":"2019-09-15","status":"delivered"},"wg2020-1-outcome":{"due":"2019-08-30","status":"delivered"},"wg2020-2-discussion-draft":{"due":"2020-02-28","status":"on_track"},"wg2020-2-documents":{"due":"2020-01-13","status":"due_soon"},"wg2020-3-framework-text":{"due":"2020-07-31","status":"at_risk"},"wg8j-11-future-programme":{"due":"2019-11-22","status":"delivered"},"wg8j-11-recs-traditional-knowledge":{"due":"2019-11-22","status":"delivered"},"wg8j-11-recs-wg2020-1-requests":{"due":"2019-11-22","status":"delivered"},"ws-area-based-report":{"due":null,"status":"at_risk"},"ws-review-mechanisms-options":{"due":"2020-02-14","status":"at_risk"},"ws-subnational-report":{"due":"2020-05-03","status":"on_track"},"ws-synergies-outcome":{"due":null,"status":"at_risk"},"zero-draft-overview":{"due":"2019-11-24","status":"delivered"}},"process":"post2020","version":1}');
CREATE TABLE fact (
	id INTEGER NOT NULL, 
	process VARCHAR(100) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	subject VARCHAR(200) NOT NULL, 
	effective_on DATE NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	opens_on DATE, 
	closes_on DATE, 
	venue VARCHAR(500), 
	timezone VARCHAR(100), 
	ref VARCHAR(200), 
	text TEXT, 
	PRIMARY KEY (id)
);
INSERT INTO "fact" VALUES(1,'post2020','delivered','zero-draft-overview','2019-11-24','2026-11-30 11:57:09.883645',NULL,NULL,NULL,NULL,'CBD/WG2020/2/INF/1',NULL);
INSERT INTO "fact" VALUES(2,'post2020','received','sbstta-23-conclusions','2019-12-02','2026-11-30 11:57:12.261446',NULL,NULL,NULL,NULL,'CBD/SBSTTA/23/L.1',NULL);
INSERT INTO "fact" VALUES(3,'post2020','rescheduled','wg2020-2','2020-02-03','2026-11-30 11:57:13.948661','2020-02-24','2020-02-29','Rome, FAO headquarters','Europe/Rome',NULL,NULL);
INSERT INTO "fact" VALUES(4,'post2020','relocated','consult-review','2020-02-03','2026-11-30 11:57:15.331082','2020-02-21','2020-02-22','Rome, Italy','Europe/Rome',NULL,NULL);
INSERT INTO "fact" VALUES(5,'post2020','postponed','sbstta-24','2020-03-10','2026-11-30 11:57:16.828798',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "fact" VALUES(6,'post2020','cancelled','consult-iucn','2020-01-20','2026-11-30 11:57:18.331361',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "fact" VALUES(7,'post2020','waived','ws-synergies-outcome','2020-01-15','2026-11-30 11:57:19.991899',NULL,NULL,NULL,NULL,NULL,'No product is expected from the follow-up workshop');
INSERT INTO "fact" VALUES(8,'post2020','note','wg2020-2','2020-01-10','2026-11-30 11:57:21.734786',NULL,NULL,NULL,NULL,NULL,'Registration closes on 10 February; see [/b] annex');
INSERT INTO "fact" VALUES(9,'post2020','note','sbi-3-recs-financial-mechanism','2020-02-20','2026-11-30 11:57:23.318381',NULL,NULL,NULL,NULL,NULL,'Expert report late: 50% done & <draft> only');
CREATE TABLE feed_event (
	process VARCHAR(100) NOT NULL, 
	feed VARCHAR(200) NOT NULL, 
	uid VARCHAR(300) NOT NULL, 
	digest VARCHAR(64) NOT NULL, 
	sequence INTEGER NOT NULL, 
	changed_at DATETIME NOT NULL, 
	PRIMARY KEY (process, feed, uid)
);
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-wg2020-1@post2020.mandates','cbd2470a77256f18be1ac5b15f45f013dc1b991253acb940f022a339b6d9589a',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-wg2020-1-outcome@post2020.mandates','feb86f631c116cabe43137f5774209264f7293f70fb5ff6bd2de768a7bdd8171',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-unu-landscapes@post2020.mandates','42e21830f45fc9a641de510d23fef4255c89d4f21935b13018f39b0208b22131',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-views-structure@post2020.mandates','3482a5d051877f8ea0ffa42f76164302bdc2804901871d9dbf8ea0f61e1a817f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-annex2-list-updates.1@post2020.mandates','175a450b22faf9aad714ac2825c0aba381ffc10674213bd7489f973487e29a0c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-unu-landscapes-report@post2020.mandates','58c97288e30fae07b1d58c295f633e11691c9fb97e05ff127e08e94f53e0decd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-cp-liaison-group@post2020.mandates','178d9bff5763e5afe1f20aae495ecf19c65b2d0d34d064e0148b3262d793ec58',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-consult-restoration@post2020.mandates','674eca29d5d2e27cfb447c11de970f6a7a6752d142fc9d7fb4b5cf0339bf6234',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-dsi-dialogue@post2020.mandates','13d0eac738490db06cefee4285407ca2b48bf8a361bbb1df09ade0acb6cda8ba',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-cp-liaison-group-biosafety-draft@post2020.mandates','e7967fedc3a6cc64f9be880ab4a88b89c8c5915cc10c96e2894ede3a3197d1c4',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-consult-marine@post2020.mandates','f677d65ba6185ec9965fde52efc456a1e5f9152059cff7921c1850c3c5bca32d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-consult-restoration-report@post2020.mandates','8bdba1b53fe2b25b29a6d7663cad5e2b33edf9eb0f71b8112da7f8954a894ca8',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-wg8j-11@post2020.mandates','36fe89737aa33b449aedfc1d3bcd8328d44f6270dba02274649d10a76c6a3f50',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-wg8j-11-future-programme@post2020.mandates','b229e311256f6bc881db52e2ae806b55d7dfc7419ba9711dedc56747aa1bc56c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-wg8j-11-recs-traditional-knowledge@post2020.mandates','9d4f3e5fc3cc98a565057293e37b0e323a293b94adf7815b08b4465a2a028b6c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-wg8j-11-recs-wg2020-1-requests@post2020.mandates','a31e2a6a7ef79fbeb3ba31da0e2d4dd8785e72c62d8ed0239f41869f52618edd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-detailed-workplan@post2020.mandates','079dcc5bab6c6bf46c922fa19bad0759e8dbd17953cbdc4f888074739a2ec6e1',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-informal-briefing-progress@post2020.mandates','cf9e12c356175373c85b4ce2afb2ab3559277e97024b73c69fc30aa97c9e0ad7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-zero-draft-overview@post2020.mandates','00c7a43db32d344d9a2809105f8da4fc6d52fca676998d2a5289c2daacc59889',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-informal-briefing@post2020.mandates','36b6bf9cee780bf75e8ff84e3721158db05b2569065ec1a9f6bd484af17f8900',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-sbstta-23@post2020.mandates','67df9674131298c2a7b0eb463f416ba5282cbb953825b82c617463bc96b84d25',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-consult-marine-report@post2020.mandates','a9c7537da4d221868ae53e21bae057f7821c4df945f77bceba0215ac02c6a6f6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbstta-23-conclusions@post2020.mandates','f3c9fc423e9007b29d0c76a67764d6c960edf22d7d261ecb94bec29624545122',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbstta-23-recs-wg2020-1-requests@post2020.mandates','a657af53578ba135c4f9a080cab8d1b1a2c88d557428f5bc9cb8f3ff3255155b',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-dsi-dialogue-outcome@post2020.mandates','62472991c655c1ee2784df42ea8a3010c898e901aa322a34ebb5d7e5813ba173',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-annex2-list-updates.2@post2020.mandates','1cb43c48ae73c25152ece8cc0eadba426462305563cc1e3496b8508f3922d009',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-consult-resource-mobilization@post2020.mandates','26151986af17a4fd117b7187118db7a650c95d7b4f8ba258cc846b1eb903350e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-ws-review-mechanisms@post2020.mandates','ec85981aa97c4e69ed0e004b7701b8fd87f83cc9465b9710db9bfb653eeae969',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-wg2020-2-documents@post2020.mandates','b7472cafda52f14f8e18ccd238a8fc71f8eee88855bf8ec9184552d542dc0514',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-ws-review-mechanisms-options@post2020.mandates','94b82a4b1b09e8b504d6e74256f8b8105c265507683086fbc057810f6255a3f2',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-consult-review@post2020.mandates','f0e36474333a4ff984d8634f288bef576b66cd856c63e346d3b6b821a1144710',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-consult-review-report@post2020.mandates','c354c01552a3d8e9f4e6f732e9dad942c912ed2423ef56f51ef2fe53abf8ea28',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-wg2020-2@post2020.mandates','e0349b13f73b384abf7a4ec69e9546ac1814ecf543cb67db87acb455f0c42978',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-wg2020-2-discussion-draft@post2020.mandates','8606888640a032676b66d590297ee4f2f9fe74509ea69d48ed79612cc5c6b491',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-consult-capacity-building-report@post2020.mandates','74a416076c5fdd67a732bb0967f6b35f3e5bb102417b2f758056cc09a6c45d20',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-consult-capacity-building@post2020.mandates','3611cb910d13b8a04b28c51fd66213eded21e93be8fa6808756a5c26b06da9fa',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-consult-resource-mobilization-report@post2020.mandates','fc2e713eaad8d3d9f514767feb86dd3f7d771e639ef1656404e5910b23a83687',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-ahteg-dsi-meeting@post2020.mandates','ca9069c8c1f4f6269d1bbbc76b5b83f8d0482e5e8ea01a018bd9f5e71037cdfc',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-annex2-list-updates.3@post2020.mandates','c6e96fec4735ce79e0c62afeb8d55921356dbb5106b1ef19253fc12151927894',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-ws-subnational@post2020.mandates','56c004ede94c57333bb9ad0e86b8128a88a71f47b6b12df13b36ee3308844491',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-ahteg-dsi-recs@post2020.mandates','2aa4b8effa117d3ba3652751e4813dce7e0b79cece6c2968bc184e930ab31af4',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-mainstreaming-iag-report@post2020.mandates','df701dfdfb27620e84d7f82b7c2eaacba690840e695d03e028e3ab0a583f41fd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-np-compliance-committee-meeting@post2020.mandates','143311d36424aefeab1e903fe729fc28d1387d86bac7fe00853634bce4cd4be5',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-ws-subnational-report@post2020.mandates','0f1d9e13d042b9440ad2b9b44c23b76f9b9444f35e4730caa328556161a16ed3',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-np-compliance-committee-recs@post2020.mandates','4e94c90ee610c8cc650428fab3cc0be2e195092d3f2249d69642cee5880308ff',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-sbstta-24@post2020.mandates','15ee378d5fbc188cb29ba6cff76c77c12e2955ce4af9561db31acf45eb701b02',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbstta-24-guidance-targets-indicators@post2020.mandates','ee9b6b79862c0ce5bb9f4f9b3f70c014d61b6d38b1c01a2409b7e3eb62d55978',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbstta-24-recs-scientific-technical@post2020.mandates','992ef695b5d0e1877b3e804923c08f7494890d891d397804db2c0c6662bba75c',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbstta-24-recs-wg-requests@post2020.mandates','38cf58518e7ebb9305a58fba60236fd9dceb0e657368517f903ca3129328b359',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-sbi-3@post2020.mandates','1e9c189fd7ca5f11cebe3bfc5721e9841ea095fa4528b3ad7c55d4206a054bc7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbi-3-recs-financial-mechanism@post2020.mandates','0a595a079740a0fd8b2b89f6f53acc790e0865193fe3f810dcaa45c924d80112',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbi-3-recs-gender@post2020.mandates','995a3d2e515c7c8e3f0065b808e4953c6754926254cbf65b99ca685c087d3710',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbi-3-recs-knowledge-management@post2020.mandates','b0e49a08eb7a375160b1f2130a81c66c05b8be5bd528b03cc50987b7fad87d21',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbi-3-recs-mainstreaming@post2020.mandates','0b51a35036a676935443490bee3cc5877e4cd94285134a4b26c0009441f869c8',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbi-3-recs-national-reporting@post2020.mandates','61d24b8073613852ffb7ba24c89074e6208111936bffb47fca0df6b2f6f4cdc2',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbi-3-recs-resource-mobilization@post2020.mandates','8709d40291694e6e773ca71b27325af8806932fa57bcf050895f2120b3d62b80',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbi-3-recs-review-mechanisms@post2020.mandates','91a2d7256b2e2a8be139deaf0ca2dff35822cb0367864081e78572808b5f3cc5',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-sbi-3-recs-wg-requests@post2020.mandates','ce6dd759d21cf8eee1e9a018abdac09f3cbcb988ea39e69f3fd4e9e714fd7131',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-annex2-list-updates.4@post2020.mandates','a83f33db08cef43a1c2a4dad5f12dc87d4124b944ab5654b9dd03b083d3a86a7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-wg2020-3@post2020.mandates','6cc39f7cb0a1f6624591dacf11eb7a321f7d53b5ea5dc934a217dc59d374a94f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-wg2020-3-framework-text@post2020.mandates','cbbff07ccacccee71cf7e7d7528db39872633b9532d9e9de135274c6998b0a1f',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','deadline-annex2-list-updates.5@post2020.mandates','03a77ae1f029facdb28e31db6a41d3ec37251fd260466a1abb7327373588d5d2',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.en','meeting-cop-15@post2020.mandates','3f1eaba2601c5cca6fce0af9312534caa4d8c8c288a08b4408a220bae9859be7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-wg2020-1@post2020.mandates','a09a6aa1cddbd2b1c136e5b61ab3f90b0da35ffef8019308d30ec7ca73be0544',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-wg2020-1-outcome@post2020.mandates','779706449204880b8e6055290e23f7fa99bcabbaba4fa8d0e767f34264a7bada',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-unu-landscapes@post2020.mandates','5f12f5cf6cf8a7c7e1c1fb3d940ce8406ccd2ccac60d149996268950946829a1',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-views-structure@post2020.mandates','16d6cb38f38d6b989122a224d85710c1d5e6bb01c4a4cb89322434912c2bd50b',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-annex2-list-updates.1@post2020.mandates','4d051321adae12d4b4ff7a8003ca0f9983637509f3ca08a8566d1547ad541f89',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-unu-landscapes-report@post2020.mandates','54b46e0d4387da35f50df34a5c31e049002681eac7a511fdc0a2a8f900f22086',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-cp-liaison-group@post2020.mandates','32742eefbc8b72dd47c0e301e184af0c609dbb64939e6790826140986cd68d82',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-consult-restoration@post2020.mandates','7b1e03a4d7abb1147af3c692c5be1f6f1429901d8a85ef7734f4f610147faead',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-dsi-dialogue@post2020.mandates','a1c534390486bb1334e7a62452af6be935d2095e5e6b3c43eb64661a670c9796',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-cp-liaison-group-biosafety-draft@post2020.mandates','5fbbd22448ea80c9e6dc2e6b2a1cb62c8cffac8e91f79806637b6243cea3f30f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-consult-marine@post2020.mandates','06771498dc4de5babce53f5d5abdaa34255811f493a3e6a9e3e23aa826029c64',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-consult-restoration-report@post2020.mandates','7d3f0d863c42e2fa1cb28e0c6f9f83cf30ab4310a8a78b5cb137055249cf5278',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-wg8j-11@post2020.mandates','71c9748c5d2d4159f017fa30a64639106e3f37b3cbaeb66441cd7e2e14154ba4',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-wg8j-11-future-programme@post2020.mandates','66b67b78f115c8f596e91eb8112cacca3bc521f70da8f24263728882d25a952e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-wg8j-11-recs-traditional-knowledge@post2020.mandates','6d4eab277d8b934386e19bf7477a1866e2fe1bf14533dc4bb7ad2c2f3633f4c6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-wg8j-11-recs-wg2020-1-requests@post2020.mandates','00b8054fe3363fd698b0db0af1f077a7e3eca223740155ce80581112502340ce',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-detailed-workplan@post2020.mandates','5f0bd6d40311379beb8589bd07da7c586289f2d64a16fea82edc9b21a8e95349',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-informal-briefing-progress@post2020.mandates','0e4b79a72e9d3006779cabdaf1bf52e40220f9e599fd507bddf3eb9167ca06f3',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-zero-draft-overview@post2020.mandates','35d784b49b9d0b4639d3a7da8d068e538cf3b64b7108668a46566c316fd55b37',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-informal-briefing@post2020.mandates','4ae17b29a0348090822f794b2ea351126e46bebcb29d848b215f27132e09fa1f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-sbstta-23@post2020.mandates','261fa2ccc9ed4130c5f065e914cb3cf1409a0333d547424e37843775681d9d46',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-consult-marine-report@post2020.mandates','2052ade48a12004290ad23694a1fe18bddb06bc8cf975f7146e70aaa8336c493',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbstta-23-conclusions@post2020.mandates','674e9a0ce7f3fa47b891dae71cb91edabc33bfea863907e2cbd1ab0a55230ec6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbstta-23-recs-wg2020-1-requests@post2020.mandates','6c682c674c1f513f192bd6c2f1b069104cd97efbe9578fe8faf5e6eef04f6a46',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-dsi-dialogue-outcome@post2020.mandates','5000309b00bdbb9b9451253c8fb464d3dc0bb5f9df7189a419af2869f8e8e144',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-annex2-list-updates.2@post2020.mandates','f05e752d292b7f49061a8e682f65eec12edc511ca564886b82bace4fb9729cf6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-consult-resource-mobilization@post2020.mandates','0bedd1a8c0e7c03efe069b6446fe3c50ec0d91c8fa7ea4c982f1defc08a1bc5f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-ws-review-mechanisms@post2020.mandates','5936cf9002c2b7f2b1fd419f05682f88dc358987a8eebe63c240082afe5209ef',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-wg2020-2-documents@post2020.mandates','dd6812ad35da9e67b32cc1c978abb7b9f8bce46e14e7ff82d43c83f62e233166',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-ws-review-mechanisms-options@post2020.mandates','689a7e673fa412a6fdf9c50abf6b0123e6a465827040028f406d1644343d56a3',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-consult-review@post2020.mandates','9d5029701cc64eef65c08919d9ddb5bb257ae6f2e2674f58989f9533354e1bae',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-consult-review-report@post2020.mandates','ab6eaac18b002367a91b18e94fb444bce38771e4e535b75e154067a25637ca2c',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-wg2020-2@post2020.mandates','45cc2894393babfc2ccf99eab939c0be27d4f4551926cf846de1fbc9bb5e2bca',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-wg2020-2-discussion-draft@post2020.mandates','c003fc3269819367ff1069890260379ed7d4aa768f8b6864d760c2b65cd061ae',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-consult-capacity-building-report@post2020.mandates','810f43eefd198cf0e5b06f172364afffb2a5265d09a1c959a6b2003bc5d07827',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-consult-capacity-building@post2020.mandates','53c39e37c901a67ce486d4e8d17603d34f8d89e12aa8c9db2b0cb7c3fcae342f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-consult-resource-mobilization-report@post2020.mandates','ae5440522adace216ab3c4296eecdac45809e4336038d1d95eeb0246d001a825',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-ahteg-dsi-meeting@post2020.mandates','d640f6d9d12dcb8a4127b3f7d426cfb571867eb794bdc09dac957d78ea818c55',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-annex2-list-updates.3@post2020.mandates','699e3d797a9a5269a57f66d95f0828f2bbdf76cb673677da245d6f0270d1b74f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-ws-subnational@post2020.mandates','2f97a1de99c73a2dd8ab62a5616c1897e630969bf071043aacc08cce13f86138',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-ahteg-dsi-recs@post2020.mandates','03b1991e98aa9672f7511b58546ae59190dc9e52f13ee8436c11f7787aeddc9e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-mainstreaming-iag-report@post2020.mandates','0c9962e8af3f725e936a0a73af329322acfbc17c1760df5ee72de9e5c37182a0',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-np-compliance-committee-meeting@post2020.mandates','39aec7379058807c8ee87111eeb1f96a81387f9d58a7e743681d393f9d88aede',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-ws-subnational-report@post2020.mandates','4ca00933a38c69c00137942208ee65a0cfbea07014c89566c3ad01c6e36421c6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-np-compliance-committee-recs@post2020.mandates','6be269972c354c365ce09098214d8462b11ef2a5681d96015c8d05e672d64d7d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-sbstta-24@post2020.mandates','2a9a08a3c99dd0a9ce55fd6fb23e3c2d746efb82b360c399bf73af9ee79d77cf',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbstta-24-guidance-targets-indicators@post2020.mandates','bc52cc1c3d2d3114c210f20dd2c6dfca92a3783f2f54c2afa2310f94871e4248',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbstta-24-recs-scientific-technical@post2020.mandates','35c0852bc51f9cca1f270b740aa97200d8aec6e6661803bfa916f984fb4395a2',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbstta-24-recs-wg-requests@post2020.mandates','27a1b2b51900175e7eecf1595e3e814898c4019782c9fed669cd4d3be6f297b9',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-sbi-3@post2020.mandates','480fe9297ccea2c4439e9144ecf0177ba4b59af20086b4da64269bf5a02a3d86',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbi-3-recs-financial-mechanism@post2020.mandates','c5ffb276cd0da3911ffe6153eba5e58b32369abcbb53199118124706f294e2ce',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbi-3-recs-gender@post2020.mandates','d76ee268eeb5d8664935a067cd91dcd41237161c2b97d96f9128905c927a9d32',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbi-3-recs-knowledge-management@post2020.mandates','ceab7baa2f59345bd8b7e590724aee0604414adffea808eb5000baf99cb651d2',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbi-3-recs-mainstreaming@post2020.mandates','529b6a579acc5e1236918a7e7aded419c34b2188100f9450f2073a19a4a01a61',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbi-3-recs-national-reporting@post2020.mandates','5a737687c1a4fb06578c0b4f047ba96566f6bf1bb77b865afa5f3e5f2c596a0c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbi-3-recs-resource-mobilization@post2020.mandates','0be5addc0ef83f4de19332f84b47b6d53878bb602af1c60f0ecfb9790febd0d1',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbi-3-recs-review-mechanisms@post2020.mandates','e99699f3ceb13f4624325d4d05682dc242b66a9fa12d441d5ce1aba750af2cf1',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-sbi-3-recs-wg-requests@post2020.mandates','3d1c19d68067507a3ca15d2501b30304848b23d9832836d1563802cae020b614',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-annex2-list-updates.4@post2020.mandates','f22f674f65914c44257e03ecdb3cf2793702897e02c9b425eeba743bbf2eae6b',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-wg2020-3@post2020.mandates','4d9b857b0913af495ff00bb58d6bc1ffa950d26c4c3de0ff8dc940cde6b2ea14',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-wg2020-3-framework-text@post2020.mandates','77a33572366d939748d50a457ccf89dc80fc4569c118406b09ede61902e881cb',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','deadline-annex2-list-updates.5@post2020.mandates','d61a2fb6099e6de3a46ca04404ee8e96e9dc1c0341492f8b98048c2c634bda56',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','public.zh','meeting-cop-15@post2020.mandates','75fd310c85ec6709fcc00090c1ade68352be24ad1b74eb537569f6fe16dc98c8',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-wg2020-1@post2020.mandates','cbd2470a77256f18be1ac5b15f45f013dc1b991253acb940f022a339b6d9589a',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-wg2020-1-outcome@post2020.mandates','feb86f631c116cabe43137f5774209264f7293f70fb5ff6bd2de768a7bdd8171',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-unu-landscapes@post2020.mandates','42e21830f45fc9a641de510d23fef4255c89d4f21935b13018f39b0208b22131',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-views-structure@post2020.mandates','3482a5d051877f8ea0ffa42f76164302bdc2804901871d9dbf8ea0f61e1a817f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-annex2-list-updates.1@post2020.mandates','1185133472857fba90a35187c9c98655bd75a4cece628ca3f77266ba52b33b08',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-bureau-progress-reports.1@post2020.mandates','3c650734d75dcfe0f81630ac436991a9631a8cc9e25148b9a64ec90f84c0b2eb',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-unu-landscapes-report@post2020.mandates','58c97288e30fae07b1d58c295f633e11691c9fb97e05ff127e08e94f53e0decd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-cp-liaison-group@post2020.mandates','178d9bff5763e5afe1f20aae495ecf19c65b2d0d34d064e0148b3262d793ec58',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-consult-restoration@post2020.mandates','674eca29d5d2e27cfb447c11de970f6a7a6752d142fc9d7fb4b5cf0339bf6234',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-dsi-dialogue@post2020.mandates','13d0eac738490db06cefee4285407ca2b48bf8a361bbb1df09ade0acb6cda8ba',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-cp-liaison-group-biosafety-draft@post2020.mandates','e7967fedc3a6cc64f9be880ab4a88b89c8c5915cc10c96e2894ede3a3197d1c4',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-consult-marine@post2020.mandates','f677d65ba6185ec9965fde52efc456a1e5f9152059cff7921c1850c3c5bca32d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-consult-restoration-report@post2020.mandates','8bdba1b53fe2b25b29a6d7663cad5e2b33edf9eb0f71b8112da7f8954a894ca8',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-wg8j-11@post2020.mandates','36fe89737aa33b449aedfc1d3bcd8328d44f6270dba02274649d10a76c6a3f50',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-wg8j-11-future-programme@post2020.mandates','b229e311256f6bc881db52e2ae806b55d7dfc7419ba9711dedc56747aa1bc56c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-wg8j-11-recs-traditional-knowledge@post2020.mandates','9d4f3e5fc3cc98a565057293e37b0e323a293b94adf7815b08b4465a2a028b6c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-wg8j-11-recs-wg2020-1-requests@post2020.mandates','a31e2a6a7ef79fbeb3ba31da0e2d4dd8785e72c62d8ed0239f41869f52618edd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-detailed-workplan@post2020.mandates','01f7fea2454853fdd96dae0bc6d1399e292a686284f4420ef05d9a877ed181d6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-informal-briefing-progress@post2020.mandates','cf9e12c356175373c85b4ce2afb2ab3559277e97024b73c69fc30aa97c9e0ad7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-zero-draft-overview@post2020.mandates','00c7a43db32d344d9a2809105f8da4fc6d52fca676998d2a5289c2daacc59889',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-informal-briefing@post2020.mandates','36b6bf9cee780bf75e8ff84e3721158db05b2569065ec1a9f6bd484af17f8900',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-sbstta-23@post2020.mandates','67df9674131298c2a7b0eb463f416ba5282cbb953825b82c617463bc96b84d25',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-consult-marine-report@post2020.mandates','a9c7537da4d221868ae53e21bae057f7821c4df945f77bceba0215ac02c6a6f6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbstta-23-conclusions@post2020.mandates','f3c9fc423e9007b29d0c76a67764d6c960edf22d7d261ecb94bec29624545122',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbstta-23-recs-wg2020-1-requests@post2020.mandates','a657af53578ba135c4f9a080cab8d1b1a2c88d557428f5bc9cb8f3ff3255155b',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-dsi-dialogue-outcome@post2020.mandates','62472991c655c1ee2784df42ea8a3010c898e901aa322a34ebb5d7e5813ba173',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-annex2-list-updates.2@post2020.mandates','e8fd2f87ed53222ed506d3ebde3d3181fee7e1c3405f6b10c3de44b80e592a81',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-bureau-progress-reports.2@post2020.mandates','6d2b7808e4101c79d7c5f28b0f6e756564033493839b72b73783d7636b02a4d3',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-consult-resource-mobilization@post2020.mandates','26151986af17a4fd117b7187118db7a650c95d7b4f8ba258cc846b1eb903350e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-ws-review-mechanisms@post2020.mandates','ec85981aa97c4e69ed0e004b7701b8fd87f83cc9465b9710db9bfb653eeae969',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-wg2020-2-documents@post2020.mandates','d64c334fccbe9433a30cada3d35b926892ab38ec6c1ccc4e59f4f5d214f39c95',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','late-input-wg2020-2-documents.consult-resource-mobilization-report@post2020.mandates','315ef950ad49be8bda98f6d8818c0003b7b5d69af545cefa28ba0ea70fd489ff',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','late-input-wg2020-2-documents.consult-review-report@post2020.mandates','7e1582a805c4441e87be8ca5841e18716d1be96627eef7ea479405e562b9aa86',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','late-input-wg2020-2-documents.ws-area-based-report@post2020.mandates','a22202bae8c2b775a3f2162ae1a360fc8a8e86c22e067991b82a052ad9c0c35f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','late-input-wg2020-2-documents.ws-review-mechanisms-options@post2020.mandates','3d3a90211dde1195455b434b83392f868471d8cde6294372fd973fd09944b2b1',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-ws-review-mechanisms-options@post2020.mandates','94b82a4b1b09e8b504d6e74256f8b8105c265507683086fbc057810f6255a3f2',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-consult-review@post2020.mandates','f0e36474333a4ff984d8634f288bef576b66cd856c63e346d3b6b821a1144710',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-consult-review-report@post2020.mandates','c354c01552a3d8e9f4e6f732e9dad942c912ed2423ef56f51ef2fe53abf8ea28',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-wg2020-2@post2020.mandates','e0349b13f73b384abf7a4ec69e9546ac1814ecf543cb67db87acb455f0c42978',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-wg2020-2-discussion-draft@post2020.mandates','8606888640a032676b66d590297ee4f2f9fe74509ea69d48ed79612cc5c6b491',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-consult-capacity-building-report@post2020.mandates','74a416076c5fdd67a732bb0967f6b35f3e5bb102417b2f758056cc09a6c45d20',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-consult-capacity-building@post2020.mandates','3611cb910d13b8a04b28c51fd66213eded21e93be8fa6808756a5c26b06da9fa',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-consult-resource-mobilization-report@post2020.mandates','e3b9f621049e94219a62d3b21f036da4919816ce2890d602a8d55386ede51c39',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-ahteg-dsi-meeting@post2020.mandates','ca9069c8c1f4f6269d1bbbc76b5b83f8d0482e5e8ea01a018bd9f5e71037cdfc',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-annex2-list-updates.3@post2020.mandates','b900d59df49875fd1fbb2f0ecf2cf51740776ee6026ab83540498e857ae2b158',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-bureau-progress-reports.3@post2020.mandates','0baffe407580f6c4a35ebf8212074dc856e921ab2032a65f5cd5a824f9e2e75f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-ws-subnational@post2020.mandates','56c004ede94c57333bb9ad0e86b8128a88a71f47b6b12df13b36ee3308844491',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-ahteg-dsi-recs@post2020.mandates','529147859911716da1153127e53a8578b87e4365754db5f897f242e9db550084',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-mainstreaming-iag-report@post2020.mandates','e503821c1e07a11752cc00b2a81ce5d395aa13b3d3655f4d6d37b4f073af2ce5',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-np-compliance-committee-meeting@post2020.mandates','143311d36424aefeab1e903fe729fc28d1387d86bac7fe00853634bce4cd4be5',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-ws-subnational-report@post2020.mandates','2e0c5c2a3ffcfcb1694e767413c7659123e15d2ade52dba8800f3dbdcaa92dac',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-np-compliance-committee-recs@post2020.mandates','fceaea1905602bc31dd62c65065c7c4e248cfdafbac8a057f3a4278d2cca984d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-sbstta-24@post2020.mandates','15ee378d5fbc188cb29ba6cff76c77c12e2955ce4af9561db31acf45eb701b02',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbstta-24-guidance-targets-indicators@post2020.mandates','1cd8da7706540edd2a3de4324ee620ce9b491dd02b9de4e1a72f6d95953328ac',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbstta-24-recs-scientific-technical@post2020.mandates','7cff4c7e948b98df11117dd524ead8a590dd3d844ffd525aab808e657f122952',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbstta-24-recs-wg-requests@post2020.mandates','70352aa1bfeef08dc78483604af6a84d3190d5434a73304403c963db9d749401',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-sbi-3@post2020.mandates','1e9c189fd7ca5f11cebe3bfc5721e9841ea095fa4528b3ad7c55d4206a054bc7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbi-3-recs-financial-mechanism@post2020.mandates','ca15ec89365e4025d038ef82ed67abfbe51c90d98c4dabebb0dfd363f135474f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbi-3-recs-gender@post2020.mandates','19e7c9c17c1dcbde041a68f92a2221289f000d82404707d1e3a2fb0d70f6a0fb',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbi-3-recs-knowledge-management@post2020.mandates','21380ca6993c3e2edd74cbd4ef08bb7fd3afb4d04a4f2a2e2d7d1543ca81f22d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbi-3-recs-mainstreaming@post2020.mandates','a7dd21ac6e31b9901b95dbb9d717786abf4a84dc397a57c0ed6c777229275940',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbi-3-recs-national-reporting@post2020.mandates','c480d8f5c750ba5fef9715c3373cc4b4642d01d7427ce9229f836e6a75e4f2a4',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbi-3-recs-resource-mobilization@post2020.mandates','5c34dd942146d601d1a6697fb46a9b1fd312b359bcf6d216d8814ef563af3e92',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbi-3-recs-review-mechanisms@post2020.mandates','24064b8684b02712003816c33826ae493be8d9dace58547089062c4e1c462c0e',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-sbi-3-recs-wg-requests@post2020.mandates','6949b7f5545b6f2ac256cead4a6fe1b9b4560841cc3bbdd79c35c0f0a0e15da8',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-annex2-list-updates.4@post2020.mandates','a6f8127825322857552d39811cea85662227765081669cf6f2aa47266dc8925b',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-bureau-progress-reports.4@post2020.mandates','19b2e80ae515e0de1808935b3126959b81e46b126bf6f0a1182b6b70842aab3b',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-wg2020-3@post2020.mandates','6cc39f7cb0a1f6624591dacf11eb7a321f7d53b5ea5dc934a217dc59d374a94f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-wg2020-3-framework-text@post2020.mandates','fc277397ca3de424383a83d75181e06ed4cd3ce3c7dad9a2da794b09ae75a652',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','late-input-wg2020-3-framework-text.consult-iucn-report@post2020.mandates','e6f1a9f6e3b07525227a59d787c1e216f7a0249f16b379375cf809a811148b25',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','late-input-wg2020-3-framework-text.ws-synergies-outcome@post2020.mandates','c34e1d2d180e5955b6f3ed59cf66b6255db13b87a948409d757a93b1b61f53d7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-annex2-list-updates.5@post2020.mandates','154e0b274336e7aeda93f5dbb0c594121c860d8dc300f1dce8ad257bf52da0e3',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','deadline-bureau-progress-reports.5@post2020.mandates','20a2fc08575cc35e91c10c35e87a34f4f604b382196d279fc2f0ab3d9e699283',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.en','meeting-cop-15@post2020.mandates','3f1eaba2601c5cca6fce0af9312534caa4d8c8c288a08b4408a220bae9859be7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-wg2020-1@post2020.mandates','a09a6aa1cddbd2b1c136e5b61ab3f90b0da35ffef8019308d30ec7ca73be0544',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-wg2020-1-outcome@post2020.mandates','779706449204880b8e6055290e23f7fa99bcabbaba4fa8d0e767f34264a7bada',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-unu-landscapes@post2020.mandates','5f12f5cf6cf8a7c7e1c1fb3d940ce8406ccd2ccac60d149996268950946829a1',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-views-structure@post2020.mandates','16d6cb38f38d6b989122a224d85710c1d5e6bb01c4a4cb89322434912c2bd50b',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-annex2-list-updates.1@post2020.mandates','b82ec85e7100cd2798a7e308f241068c7f05d37846fb74260773d2cb7e928e5e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-bureau-progress-reports.1@post2020.mandates','94739a1314209514e1d3c193b4da3967dae0b87b33f2fff0b9f8b2cba948574c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-unu-landscapes-report@post2020.mandates','54b46e0d4387da35f50df34a5c31e049002681eac7a511fdc0a2a8f900f22086',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-cp-liaison-group@post2020.mandates','32742eefbc8b72dd47c0e301e184af0c609dbb64939e6790826140986cd68d82',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-consult-restoration@post2020.mandates','7b1e03a4d7abb1147af3c692c5be1f6f1429901d8a85ef7734f4f610147faead',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-dsi-dialogue@post2020.mandates','a1c534390486bb1334e7a62452af6be935d2095e5e6b3c43eb64661a670c9796',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-cp-liaison-group-biosafety-draft@post2020.mandates','5fbbd22448ea80c9e6dc2e6b2a1cb62c8cffac8e91f79806637b6243cea3f30f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-consult-marine@post2020.mandates','06771498dc4de5babce53f5d5abdaa34255811f493a3e6a9e3e23aa826029c64',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-consult-restoration-report@post2020.mandates','7d3f0d863c42e2fa1cb28e0c6f9f83cf30ab4310a8a78b5cb137055249cf5278',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-wg8j-11@post2020.mandates','71c9748c5d2d4159f017fa30a64639106e3f37b3cbaeb66441cd7e2e14154ba4',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-wg8j-11-future-programme@post2020.mandates','66b67b78f115c8f596e91eb8112cacca3bc521f70da8f24263728882d25a952e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-wg8j-11-recs-traditional-knowledge@post2020.mandates','6d4eab277d8b934386e19bf7477a1866e2fe1bf14533dc4bb7ad2c2f3633f4c6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-wg8j-11-recs-wg2020-1-requests@post2020.mandates','00b8054fe3363fd698b0db0af1f077a7e3eca223740155ce80581112502340ce',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-detailed-workplan@post2020.mandates','3fddb635756d3207759fd59e1b2af5a67208976c8d81374c9f970a8b10016ac9',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-informal-briefing-progress@post2020.mandates','0e4b79a72e9d3006779cabdaf1bf52e40220f9e599fd507bddf3eb9167ca06f3',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-zero-draft-overview@post2020.mandates','35d784b49b9d0b4639d3a7da8d068e538cf3b64b7108668a46566c316fd55b37',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-informal-briefing@post2020.mandates','4ae17b29a0348090822f794b2ea351126e46bebcb29d848b215f27132e09fa1f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-sbstta-23@post2020.mandates','261fa2ccc9ed4130c5f065e914cb3cf1409a0333d547424e37843775681d9d46',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-consult-marine-report@post2020.mandates','2052ade48a12004290ad23694a1fe18bddb06bc8cf975f7146e70aaa8336c493',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbstta-23-conclusions@post2020.mandates','674e9a0ce7f3fa47b891dae71cb91edabc33bfea863907e2cbd1ab0a55230ec6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbstta-23-recs-wg2020-1-requests@post2020.mandates','6c682c674c1f513f192bd6c2f1b069104cd97efbe9578fe8faf5e6eef04f6a46',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-dsi-dialogue-outcome@post2020.mandates','5000309b00bdbb9b9451253c8fb464d3dc0bb5f9df7189a419af2869f8e8e144',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-annex2-list-updates.2@post2020.mandates','7d83a1449fcd5ccef3aa8865575c165127f722ed96939447cbbfa1cebfbe0b1c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-bureau-progress-reports.2@post2020.mandates','327af93381e162778e9e0805b568576ad1a6d2644f88447ecc827ac38305b8bc',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-consult-resource-mobilization@post2020.mandates','0bedd1a8c0e7c03efe069b6446fe3c50ec0d91c8fa7ea4c982f1defc08a1bc5f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-ws-review-mechanisms@post2020.mandates','5936cf9002c2b7f2b1fd419f05682f88dc358987a8eebe63c240082afe5209ef',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-wg2020-2-documents@post2020.mandates','862e420c2cbce0cf571eb4897b5330d5b94292d59fce188632ff0e3dbd53d610',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','late-input-wg2020-2-documents.consult-resource-mobilization-report@post2020.mandates','f772a7f0fc7cf82c60b95e22d040e564a4f371ac67ebec25f63e1a78e733b1a1',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','late-input-wg2020-2-documents.consult-review-report@post2020.mandates','2ae780d8cb54a406fe7f7502fb3e9c77c6e1d576e266c69eb9018133ba68e90c',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','late-input-wg2020-2-documents.ws-area-based-report@post2020.mandates','987ff7a7c344c15de2a1bb9a0073057a7b00240cb9c3d09e835484317870279e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','late-input-wg2020-2-documents.ws-review-mechanisms-options@post2020.mandates','4b703fa001c961666a1607cbe005a14efc93d3890b4d77e9f810abcb73db4461',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-ws-review-mechanisms-options@post2020.mandates','689a7e673fa412a6fdf9c50abf6b0123e6a465827040028f406d1644343d56a3',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-consult-review@post2020.mandates','9d5029701cc64eef65c08919d9ddb5bb257ae6f2e2674f58989f9533354e1bae',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-consult-review-report@post2020.mandates','ab6eaac18b002367a91b18e94fb444bce38771e4e535b75e154067a25637ca2c',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-wg2020-2@post2020.mandates','45cc2894393babfc2ccf99eab939c0be27d4f4551926cf846de1fbc9bb5e2bca',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-wg2020-2-discussion-draft@post2020.mandates','c003fc3269819367ff1069890260379ed7d4aa768f8b6864d760c2b65cd061ae',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-consult-capacity-building-report@post2020.mandates','810f43eefd198cf0e5b06f172364afffb2a5265d09a1c959a6b2003bc5d07827',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-consult-capacity-building@post2020.mandates','53c39e37c901a67ce486d4e8d17603d34f8d89e12aa8c9db2b0cb7c3fcae342f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-consult-resource-mobilization-report@post2020.mandates','ed094a6298535d7a03a730e6b1dc8114c7cf29f1e8fb0ce7d6ee4fb2af0af699',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-ahteg-dsi-meeting@post2020.mandates','d640f6d9d12dcb8a4127b3f7d426cfb571867eb794bdc09dac957d78ea818c55',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-annex2-list-updates.3@post2020.mandates','11d028068ffa033850be61a7ec0641fa8f44f9a68193588202a67b3dcce2f5e5',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-bureau-progress-reports.3@post2020.mandates','e65a97974bd606170338559970cea981b0b5a8cd461edd017d041b37811d5b73',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-ws-subnational@post2020.mandates','2f97a1de99c73a2dd8ab62a5616c1897e630969bf071043aacc08cce13f86138',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-ahteg-dsi-recs@post2020.mandates','6af8bf3b41f1115dc948abcc80cde1523525dc3b77469bd557858fce0c581540',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-mainstreaming-iag-report@post2020.mandates','da5032332f1bbe64c8bf62f55d5f9c24f788e09716e9f8a739ae581cbd303b12',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-np-compliance-committee-meeting@post2020.mandates','39aec7379058807c8ee87111eeb1f96a81387f9d58a7e743681d393f9d88aede',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-ws-subnational-report@post2020.mandates','d1e7cd56ffe7085a991a99daad9620689da54a10d45f907ae4521cae49b7930e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-np-compliance-committee-recs@post2020.mandates','5675661433cd19f4203cfb852eeab07f5d548e0e578d87e4e680307927e29e1f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-sbstta-24@post2020.mandates','2a9a08a3c99dd0a9ce55fd6fb23e3c2d746efb82b360c399bf73af9ee79d77cf',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbstta-24-guidance-targets-indicators@post2020.mandates','c1c2048016578ead3a6bb7b8a98f88ee0b4721d7f03f040d803f9b105520a7b0',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbstta-24-recs-scientific-technical@post2020.mandates','783a2ea4828630961588621b5b0089b8f63af7a88414a93de5e300df7cb63874',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbstta-24-recs-wg-requests@post2020.mandates','6d829eb6ffef86db357ec137fa7bb48195e66dad35d39b054c6cb27cb9c64a0a',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-sbi-3@post2020.mandates','480fe9297ccea2c4439e9144ecf0177ba4b59af20086b4da64269bf5a02a3d86',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbi-3-recs-financial-mechanism@post2020.mandates','4b3a78ed0dee767509e29955454cff70f05fe167ece6bf156b2f8643660b175c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbi-3-recs-gender@post2020.mandates','e958c7846916ea6960b8ce0d77b7306b669f702bccaa2f3f30c5e66bd798d9e5',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbi-3-recs-knowledge-management@post2020.mandates','542e4d9e8848ac335f99e5850b909bc71053716e1e0bc375966a6f214717760c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbi-3-recs-mainstreaming@post2020.mandates','4a46b6aec3172f37ead69d31b527045cdecba689d48eb4d58a3031bd6afc0593',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbi-3-recs-national-reporting@post2020.mandates','6b6d53aced093df359c3c935f30ee7641bba8610ac0da0bd2375396a492434a1',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbi-3-recs-resource-mobilization@post2020.mandates','0a86954b0c8e55ecb80141a0444fdba014d6537cb0582a58648cd1a16299a429',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbi-3-recs-review-mechanisms@post2020.mandates','f8d1240d978dc06fcd8e7af0c5913125c4deee218a0e948ff8d952fb049f0c38',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-sbi-3-recs-wg-requests@post2020.mandates','50664dc39c53959b6379eb39e611ba7a46c0b499aa3b34f7daa168af5eb4a762',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-annex2-list-updates.4@post2020.mandates','2b5872ef5157dcae6eeff9cb328e7d2db4870499bde197eb69fb23207a213be2',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-bureau-progress-reports.4@post2020.mandates','bd04c1a45584c4b1a6cbaa7290fe2fa4bee435b2373c14aeae5adfe728fc85c4',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-wg2020-3@post2020.mandates','4d9b857b0913af495ff00bb58d6bc1ffa950d26c4c3de0ff8dc940cde6b2ea14',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-wg2020-3-framework-text@post2020.mandates','a41e5670600bbaf1b9717a136086370142d8a4bd04e5b314189f693e012b3c40',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','late-input-wg2020-3-framework-text.consult-iucn-report@post2020.mandates','d07530b6a935cf43e86ebabdc0cfcf3b70bfaf0a1a73a55ff171f42eb7018789',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','late-input-wg2020-3-framework-text.ws-synergies-outcome@post2020.mandates','347c1f52c6f1a5a4e67ac0179e61bb37c8e3f0e405149bb9ee1b1201b7ffb1e5',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-annex2-list-updates.5@post2020.mandates','eafc7284296dbb59078a7d578902068af5281b380cfdc1ac7a5fa89657713d84',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','deadline-bureau-progress-reports.5@post2020.mandates','59dd92c12a1110548e5db65751bb861a1d738d79bb5604b3537aaa014d918508',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','secretariat.zh','meeting-cop-15@post2020.mandates','75fd310c85ec6709fcc00090c1ade68352be24ad1b74eb537569f6fe16dc98c8',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-wg2020-1-outcome@post2020.mandates','37009e7614f1febe69c70b16143d198aa05e3f9200b2739a43f155dbc482a231',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-views-structure@post2020.mandates','d24dadd873611a4eb38f0a0ed072eacc802062d485e5266d1f2bce7f1c4da6ba',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-annex2-list-updates.1@post2020.mandates','f90493151c8b91e29a21b5eb905a837b4e86bcb364bf379fb65f41dbf8fb26ac',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-unu-landscapes-report@post2020.mandates','8c7c3a05eda105744818c8ef1041f70e5a3ddd7f00e68299c4bbd4307ca74f85',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-cp-liaison-group-biosafety-draft@post2020.mandates','bfaa7069e295b06a08c61128cef00072d134b81196fa9d2274202b5a3bf70471',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-consult-restoration-report@post2020.mandates','9ba567543ea9404470b10fde91f0c1457eb91d878f0c2eaa0ab0780073d663f7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-wg8j-11-future-programme@post2020.mandates','3da87cefa202385f242860b8c833bded167fa8f3aecff2456d6f2fd34f2ee7b5',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-wg8j-11-recs-traditional-knowledge@post2020.mandates','846ec1390a640c7daaa9b32e7417ac192b7e10e65fbb2c84b3d2bc2f8ebfd774',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-wg8j-11-recs-wg2020-1-requests@post2020.mandates','a91a0b5415358ba546d35537037dfc4c87ac3a175513259cd072a29201b41335',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-detailed-workplan@post2020.mandates','eac24005d7dad43ef460cf0a96f1ba9c4e401bb9c3a2433631c52721180f860e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-informal-briefing-progress@post2020.mandates','6f41629be0ee10cffb8c7c70342c3c13060719be380360ea3b087d18a5a699e6',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-zero-draft-overview@post2020.mandates','e2e298988bdbf0816a4106c57877a377f6af4d7f46be51a775ff975f8c15816e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-consult-marine-report@post2020.mandates','cf89690d5cbbec1a25dc0cca13b9cd60f2b9215f84300ea91f5cbdd8050df172',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbstta-23-conclusions@post2020.mandates','f1caa8da642fcba2b322d0be77087c2f627a9c0dd01cc3249ac4b45b6168f679',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbstta-23-recs-wg2020-1-requests@post2020.mandates','408d016c8f7e239e0e892c27ef31c7a41b536dea0b38fd7eadc41c6cea7d2e3f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-dsi-dialogue-outcome@post2020.mandates','96742e4d07e9b245a683a654927a77a17f44d18886c93af65a14f75eb36c08e1',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-annex2-list-updates.2@post2020.mandates','e55fd20eaabcf0250bc3b8b8d0152d30b12c231f0f9d4d592d0b1825598ed4f2',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-wg2020-2-documents@post2020.mandates','8307d6837098ae55c956d732e48b833d556d2fe1e38500e46386de3a28f7e89f',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-ws-review-mechanisms-options@post2020.mandates','d0aae9b47999c9d3871023deea5c39a96285589a2bdd92dbdcfe515e6a33e3ea',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-consult-review-report@post2020.mandates','ee6f50ea527420a2cf1e58db1926db56a47d20481ec5cfb45037b57a2ffdc15f',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-wg2020-2-discussion-draft@post2020.mandates','46a5cee9a3b9153c7f777bfd3b192d39e440fb3915753225f5d16120aa0ea13e',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-consult-capacity-building-report@post2020.mandates','4491d15ef50b95efa72b8e71e7d9e639f5158cc5ba5c3a49f6b100a45fca8b2a',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-consult-resource-mobilization-report@post2020.mandates','f6caaa365d1a05db5e3cbece1982fd5664b812b16cc1b14776525ca81c5d8fc2',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-annex2-list-updates.3@post2020.mandates','066aa44ebd07c829729b24a5bbd4403acc00b381a49b6457a2a2dfd8ec75581b',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-ahteg-dsi-recs@post2020.mandates','4b2a3928d24c294c91a2028c9a5264631ca0a5fc6d0856ba57ae4c13279182cd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-mainstreaming-iag-report@post2020.mandates','d53cf44afab904eab46767a97ea976484182498ca9e3cd07a5080b3b10af05bf',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-ws-subnational-report@post2020.mandates','14e389f2ddee064bfe7d036f1abd4107ad2fc9ff7683ccf951cb2ceb98eada0e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-np-compliance-committee-recs@post2020.mandates','76a6d970d7e3640503851e4201c19eff4a70e8df2c5071bfe2cfc3452510a1c9',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbstta-24-guidance-targets-indicators@post2020.mandates','931a501abe5d3fa40c66a988e251b01fd2d7d293091fb4f731fa38a098c62e12',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbstta-24-recs-scientific-technical@post2020.mandates','abe8dce39b612df391ddfbaf817b87223febf780fcbd09cdc84e6e7264715209',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbstta-24-recs-wg-requests@post2020.mandates','5a855e09f73783346e7e716899e264fe90efb743828e73c1d2b59e500f104bf7',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbi-3-recs-financial-mechanism@post2020.mandates','72dbbdb71424044b276c793661446c6c05a94cb09b77e0069cbc0b0488cb66a8',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbi-3-recs-gender@post2020.mandates','6f24d4be152469c6972feccf1c33c4f1166031dde2b74554b8e81f5ebad5c5a0',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbi-3-recs-knowledge-management@post2020.mandates','4769b2d1703ca734de702fcc5fdbaa87e61b23de1654ab9e906303c05e622f9d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbi-3-recs-mainstreaming@post2020.mandates','e892cdac003ae2d5c688a85cb3c76e1618bddb71342a664d8ac4c77d1e735bef',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbi-3-recs-national-reporting@post2020.mandates','ecf3f8c8657bd50a6b854e6f8b73c7be4729cb2e17f283c73a154f1d0861439a',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbi-3-recs-resource-mobilization@post2020.mandates','7f54c19e957cc589ed90d51c6d92033b08941a54ebbc093abe1c0a642f4e1b2e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbi-3-recs-review-mechanisms@post2020.mandates','c362376e9c4457fde0992cb7ebe39849fb1e33d516954fcffa802a0832dd67fd',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-sbi-3-recs-wg-requests@post2020.mandates','3c28ef1a1e743b6df4a2831d88bc2059f8b3f6e0e1912c16c32f59fb729fe2d4',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-annex2-list-updates.4@post2020.mandates','1e87f3311a451fa78af76a22b12ff078b58ce3b2b11f1e94e70e10c56b43a933',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-wg2020-3-framework-text@post2020.mandates','406ac4c0257fb8d7751a43ca4a1e65735181066d49384e7fcb5738d7c97c3226',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.en','deadline-annex2-list-updates.5@post2020.mandates','f155420b5c36f1ab2d61b0ccadb5837bb760e922883a979e07fae3149d25cb2f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-wg2020-1-outcome@post2020.mandates','c67423654b6ebc6ec49393af4b4212df3f94bc71293d571aae2f23cfcf31538f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-views-structure@post2020.mandates','0fae2792184862917b8181ce62c07890320c70a8c1aae5e9221832d48e5c4ae8',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-annex2-list-updates.1@post2020.mandates','6a66e6badf8d39e9611f9808aa859630f221e523d524c63d61d518d5cc169fb2',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-unu-landscapes-report@post2020.mandates','cb87156e04db1640811efaa219ed113cd3c06ba77cbab710d761b0e033bd46bd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-cp-liaison-group-biosafety-draft@post2020.mandates','6bd437a2d670a6751237fe790a6486a76a9beea90025c2596efd94216216c9cd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-consult-restoration-report@post2020.mandates','fd680c35cf17316fffce2de475151415a43e3ac5a6b54959863d6af2308e812d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-wg8j-11-future-programme@post2020.mandates','16186e3caae7eeeafa6eecb00507c5dc6fc16cc1a31d4b7822e755c28aafaa32',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-wg8j-11-recs-traditional-knowledge@post2020.mandates','e32c6d2b9f5f5307a0f801976e437d09baf0dd3ca02552f7f81cbef228d31dd7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-wg8j-11-recs-wg2020-1-requests@post2020.mandates','6af864671b79488b615c9c8cdf69aa3957f257b2fa34db5c987603d01e7060b3',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-detailed-workplan@post2020.mandates','3c9345ce5ee61e98b7844deafa8b7f27c18b14e24fb979e23f71af122fea70ed',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-informal-briefing-progress@post2020.mandates','272b8f50404da7126f453d4ec8474a1923c6a7712cf27a46488fbb54b5843bce',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-zero-draft-overview@post2020.mandates','6396c0abd05591fa3b55cb67f5d566fcbfbfa9f32186fe7c2eeb9d7540c973a5',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-consult-marine-report@post2020.mandates','b78316a7b9dce18cb289764e6490170891ced1f62e19e126f202998855dc2905',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbstta-23-conclusions@post2020.mandates','168198566a68eccd3c688e8707509175629f85250ed41471c9b8b19f2a577610',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbstta-23-recs-wg2020-1-requests@post2020.mandates','9536377ffa3de4888978715286806e89dcb4af6228f79fa1c79191ca538abecd',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-dsi-dialogue-outcome@post2020.mandates','4a0fc0642f3ed8a0cf5f90f6a4b8d5e08f53c468b1f191dddbee422dfa9efa7e',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-annex2-list-updates.2@post2020.mandates','5113a7d64af6fd23b8ba8d52dd28a8646ec4fd41b76a28127dc741e53f41061a',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-wg2020-2-documents@post2020.mandates','34f85e456900762531e940f3219ba31e7e4a59fda0e93838f9c09724c2752d94',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-ws-review-mechanisms-options@post2020.mandates','f8e9d507109419ca6ec2ab8b89901110cf9aedd6cbd27c21820433854af03e83',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-consult-review-report@post2020.mandates','140cd9d925c7f7849736f59e7e09eaeae9df5cc60a57edaca802b8c56d7115eb',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-wg2020-2-discussion-draft@post2020.mandates','f422d0e27433b0e45018cc247a038620119cc0b4a5af5a8d2f732ab942fa9726',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-consult-capacity-building-report@post2020.mandates','18a3f626832ddeb99bab0ce068f16a67f42365bec0e92eb7c963548091bde8c9',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-consult-resource-mobilization-report@post2020.mandates','ee12de49c137f1c033f9a47dbea88f13fa64a26dbf91826d375cae4c88992ea2',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-annex2-list-updates.3@post2020.mandates','7fd8cacc9fc7e8911cc9fcd751079b1397bdc548fdb8846a45edc91e436310ff',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-ahteg-dsi-recs@post2020.mandates','6c7517de75ec528c56b605272148f198146a65a3df45b60147c0e2e858d89843',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-mainstreaming-iag-report@post2020.mandates','b5fa2ad7ebcc831da7373c20ce552593582db54198690a7ee5db242b99b6dbd9',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-ws-subnational-report@post2020.mandates','1c0dc981a7103e913292ca4e207e03ed1ab182b624478e22a300cfbe2eda10cf',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-np-compliance-committee-recs@post2020.mandates','5e24433a1e6a7bb34a1d672639926985448461916b0530d1ac6903fbea063e4f',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbstta-24-guidance-targets-indicators@post2020.mandates','b942a93eebbcaca27007fdd34cde4654c352f838a6b1ba3f10191d25c7272076',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbstta-24-recs-scientific-technical@post2020.mandates','92514f1ee6e087fb6b8d7e5042ada8b6aec651f1e47e2c4eb88bea6bfe5c6e38',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbstta-24-recs-wg-requests@post2020.mandates','2fb2792090560750d4a56ba9c49931ed473781355a2c322fa28609ab0e4773d3',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbi-3-recs-financial-mechanism@post2020.mandates','cb7ab22b6bd43ddfebc16eb5e420d7e86ca7043191842c5b1a9a09e67f67357d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbi-3-recs-gender@post2020.mandates','18d299cd4542d83dd56a465f219a779ad11fd5977cc306814541c04c7b163112',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbi-3-recs-knowledge-management@post2020.mandates','878d8c1d45d6695a8dc5087ccdcb69a963a054e207cb49cf23fb95cab7a41ca7',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbi-3-recs-mainstreaming@post2020.mandates','10b48da88b70067d99084e8b73dea0bac565dea660060f0843fdcdbad63a418f',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbi-3-recs-national-reporting@post2020.mandates','d00fef94a1aad82957d5c5392eba215ad8391b19e1291c97c22edef37b8c0617',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbi-3-recs-resource-mobilization@post2020.mandates','ceb07f2a347fe54876f7a647576b1839fc5c73b21b8b6a29ec4d653714665b4d',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbi-3-recs-review-mechanisms@post2020.mandates','30d46b7f2d7a475eb7a8a6f39ce3b81cdf0455ba82451fd75a3bb4628385fff8',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-sbi-3-recs-wg-requests@post2020.mandates','6317b7e9d3a3cbd9c7b9a2e53b5d8c62f6d2057b77f9c884bf9caa7b49164a17',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-annex2-list-updates.4@post2020.mandates','e84cf2a6ded2472522d9e5a07520f90b1c862b11bd20bbde108708aedd4e617c',0,'2026-11-30 11:57:27.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-wg2020-3-framework-text@post2020.mandates','4038c5dc23e6a29e09ef4a6e4eeb5adf56ca77034c7953394bbfc047b4ae0382',1,'2026-11-30 11:57:29.000000');
INSERT INTO "feed_event" VALUES('post2020','tasks.zh','deadline-annex2-list-updates.5@post2020.mandates','b2ceecdf5e82fa41d055d8bcf60b8ef77315bd8655c071293da682b2e3919608',0,'2026-11-30 11:57:27.000000');
CREATE TABLE sent_alert (
	id INTEGER NOT NULL, 
	process VARCHAR(100) NOT NULL, 
	alert_key VARCHAR(500) NOT NULL, 
	channel VARCHAR(500) NOT NULL, 
	as_of DATE NOT NULL, 
	sent_at DATETIME NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	attempts INTEGER NOT NULL, 
	error TEXT, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_sent_alert UNIQUE (process, alert_key, channel)
);
INSERT INTO "sent_alert" VALUES(1,'post2020','wg2020-2-documents<-consult-resource-mobilization-report:arrives_after_deadline','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(2,'post2020','wg2020-2-documents<-consult-review-report:arrives_after_deadline','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(3,'post2020','wg2020-2-documents<-ws-review-mechanisms-options:arrives_after_deadline','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(4,'post2020','wg2020-2-documents<-ws-area-based-report:unscheduled','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(5,'post2020','annex2-list-updates:overdue','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(6,'post2020','bureau-progress-reports:overdue','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(7,'post2020','detailed-workplan:overdue','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(8,'post2020','wg2020-2-documents:overdue','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(9,'post2020','ws-area-based-report:at_risk','json:c7386ed9b411fc16','2020-03-01','2026-11-30 11:57:31.604264','sent',1,NULL);
INSERT INTO "sent_alert" VALUES(10,'post2020','wg2020-2-documents<-consult-resource-mobilization-report:arrives_after_deadline','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
INSERT INTO "sent_alert" VALUES(11,'post2020','wg2020-2-documents<-consult-review-report:arrives_after_deadline','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
INSERT INTO "sent_alert" VALUES(12,'post2020','wg2020-2-documents<-ws-review-mechanisms-options:arrives_after_deadline','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
INSERT INTO "sent_alert" VALUES(13,'post2020','wg2020-2-documents<-ws-area-based-report:unscheduled','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
INSERT INTO "sent_alert" VALUES(14,'post2020','annex2-list-updates:overdue','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
INSERT INTO "sent_alert" VALUES(15,'post2020','bureau-progress-reports:overdue','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
INSERT INTO "sent_alert" VALUES(16,'post2020','detailed-workplan:overdue','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
INSERT INTO "sent_alert" VALUES(17,'post2020','wg2020-2-documents:overdue','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
INSERT INTO "sent_alert" VALUES(18,'post2020','ws-area-based-report:at_risk','json:b323ccb5b5a4e099','2020-03-01','2026-11-30 11:57:32.024982','failed',2,'refused (fixture)');
CREATE INDEX ix_fact_process_effective ON fact (process, effective_on);
CREATE INDEX ix_fact_subject ON fact (subject);
CREATE INDEX ix_briefing_process_as_of ON briefing_snapshot (process, as_of);
COMMIT;
