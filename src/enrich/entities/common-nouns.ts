/*
 * Korean common nouns that news writes without any name around them, above
 * all the loanwords of technology and business (데이터, 클라우드, 빅테크):
 * spelled in Hangul like foreign names, so neither script nor a particle
 * tells them apart (KLUE's own conventions stay: 정부 is an organisation there). The tagger learnt its Korean from KLUE's news and
 * reviews, where these words are rare; here they are a feature, and a span
 * that is nothing but one of them is not a name unless the gazetteer says so.
 */

export const KO_COMMON_NOUNS = new Set(
  `데이터 빅데이터 클라우드 서버 서버실 빅테크 하이퍼스케일 하이퍼스케일러 로보틱스 로봇 플랫폼 인프라 인프라스트럭처 소프트웨어 하드웨어 반도체 메모리 칩 칩셋
   네트워크 인공지능 슈퍼컴퓨터 컴퓨터 컴퓨팅 스타트업 솔루션 서비스 시스템 센터 데이터센터 파트너 파트너십 프로젝트 프로그램 에너지 배터리 디스플레이
   스마트폰 모바일 모델 엔진 알고리즘 파운드리 팹 웨이퍼 패키징 모듈 디바이스 플랫폼 콘텐츠 미디어 뉴스 기술 기업 시장 산업 경제 투자 펀드 자산
   그룹 회사 공장 연구 개발 생태계 가속기 그래픽 그래픽카드 프로세서 클러스터 트레이닝 추론 생성형 에이전트 챗봇 디지털 온라인 오프라인 인터넷 보안
   사이버 블록체인 가상자산 코인 메타버스 자율주행 전기차 수소 태양광 풍력 원전 그리드 스마트 팩토리 스마트팩토리 로드맵 비전 전략 정책 규제 협력 합의
   계약 발표 행사 포럼 컨퍼런스 세미나 키노트 기조연설 인터뷰 보고서 리포트 분석 전망 실적 매출 영업이익 수익 주가 증시 주식 채권 환율 금리 인플레이션
   글로벌 아시아태평양 이커머스 커머스 리테일 물류 헬스케어 바이오 제약 게임 엔터테인먼트 스트리밍 구독 광고 마케팅 브랜드 고객 사용자 소비자 개발자
   엔지니어 연구원 임직원 직원 관계자 전문가 애널리스트 투자자 주주 경영진 관리자 운영 운영체제 오픈소스
   노트북 태블릿 웨어러블 카메라 센서 라이다 레이더 드론 위성 우주 항공 조선 철강 화학 정유 석유화학 자동차 부품 소재 장비 설비 전력 전기 가스`.split(/\s+/),
);

/*
 * Japanese katakana loanwords that news uses as common nouns (データ, センター, インフラ). A katakana span made only
 * of these needs a second opinion before it is a name; any other katakana span (アーリフ, ユヴェントス, most foreign
 * names) is left to the tagger, which learnt them from Wikipedia.
 */
export const JA_LOANWORDS = new Set(
  `データ センター データセンター クラウド サービス スマートフォン スマホ インフラ インフラストラクチャ モデル ガバナンス リンク ブログ ニュース サイト
   ファクトリー ハイパースケール ハイパースケーラー ファウンドリ ファウンドリー ユニコーン ロボティクス ロボット ワークロード エンジニア チップ メモリ メモリー
   ソフトウェア ハードウェア プラットフォーム ネットワーク システム ソリューション プロジェクト プログラム エネルギー バッテリー ディスプレイ コンピューター
   コンピュータ コンピューティング スーパーコンピューター スタートアップ パートナー パートナーシップ エコシステム サプライチェーン クラスター クラスタ
   アーキテクチャ アーキテクチャー ビジネス マーケット グローバル デジタル オンライン セキュリティ サイバー テクノロジー イノベーション エージェント
   アプリ アプリケーション デバイス センサー カメラ ドローン コンテンツ メディア プロセッサ プロセッサー アクセラレーター トレーニング ガイドライン
   ロードマップ ビジョン ストラテジー フォーラム サミット カンファレンス イベント キーノート インタビュー レポート リリース アップデート バージョン
   ユーザー カスタマー マーケティング ブランド コスト リスク トレンド シェア ベンチャー ファンド キャピタル ワークショップ
   グラフィックス ランドスケープ ハブ ツイン オートメーション エコ ソブリン ソブリンAI スケール ガバナンス ハイパー`.split(/\s+/),
);

/** Common nouns that, glued after a known name, make a phrase rather than a longer name: 中国市場, 韓国一国, 文献リンクNVIDIA. */
export const JA_GENERIC_TAILS = new Set(
  `市場 大国 国内 国外 企業 業界 経済 全土 一国 国民 社会 産業 側 勢 製 産 向け 版 事業 文献 参考 計画 配備 戦略 投資 需要 関係 情勢 全体 各地 地域
   首都 首脳 外交 政策 開発 技術 製品 発表 向 系 流 風`.split(/\s+/),
);
