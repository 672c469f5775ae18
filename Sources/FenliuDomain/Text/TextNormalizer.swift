/// Chinese-aware text normalisation applied identically to call text and to every pattern, so matching
/// is insensitive to full-width forms, common traditional characters, letter case and spacing noise.
public enum TextNormalizer {
    /// Normalised Unicode scalar values of `text`.
    public static func scalars(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            var v = scalar.value
            switch v {
            case 0x3000: continue                                  // ideographic space
            case 0xFF01...0xFF5E: v -= 0xFEE0                      // full-width ASCII → ASCII
            case 0x201C, 0x201D, 0x300C, 0x300D, 0x300E, 0x300F: v = 0x22   // “ ” 「 」 『 』 → "
            case 0x2018, 0x2019: v = 0x27                          // ‘ ’ → '
            default: break
            }
            // Spacing noise carries no meaning in Chinese text.
            if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 { continue }
            if v >= 0x41 && v <= 0x5A { v += 0x20 }                 // ASCII lower case
            if let simplified = traditionalToSimplified[v] { v = simplified }
            out.append(v)
        }
        return out
    }

    public static func normalize(_ text: String) -> String {
        var s = String.UnicodeScalarView()
        for v in scalars(text) { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }

    /// Characters that end a clause: negation and past-tense cues do not reach across them.
    static func isClauseBreak(_ v: UInt32) -> Bool {
        switch v {
        case 0x2C, 0x2E, 0x3B, 0x21, 0x3F, 0x3002, 0xFF0C, 0xFF1B, 0x3A: true   // , . ; ! ? 。 : (full-width already folded)
        default: false
        }
    }

    /// Common traditional → simplified pairs seen in call texts typed on traditional-input phones.
    static let traditionalToSimplified: [UInt32: UInt32] = {
        let pairs = """
        報报殺杀傷伤們们這这個个車车燒烧燈灯電电氣气煙烟鬥斗毆殴險险騙骗盜盗搶抢錢钱門门樓楼區区鎮镇橋桥\
        廠厂醫医護护難难動动聲声響响開开關关來来說说話话對对時时發发現现沒没無无處处應应爭争執执罵骂場场\
        裡里裏里將将點点號号碼码誤误撥拨惡恶劇剧擾扰災灾兒儿員员頭头體体邊边線线義义烏乌蘇苏陳陈後后溝沟\
        網网貨货賭赌嚇吓脅胁買买賣卖價价費费資资勞劳寵宠貓猫鄰邻業业問问諮咨詢询辦办證证錯错聽听見见嗎吗\
        麼么幫帮鎖锁鑰钥遺遗丟丢竊窃槍枪滅灭塌塌聞闻廢废汙污環环塵尘噴喷鬧闹亂乱擺摆攤摊違违規规築筑佔占\
        鐵铁機机駛驶駕驾輛辆禍祸輪轮闖闯蹤踪嬰婴癡痴養养擊击衝冲紛纷糾纠債债揚扬復复離离顧顾給给錄录賬账\
        轉转銀银貸贷詐诈認认識识驗验傳传銷销壞坏損损維维斷断還还過过進进運运達达遠远與与為为會会從从當当\
        讓让隻只條条張张兩两歲岁萬万塊块幾几樣样鄉乡縣县靜静擔担憂忧訴诉警警帶带躺躺臥卧屍尸血血擋挡堵堵\
        園园廣广場场噪噪喇喇叭叭狀状況况異异常常戶户薦荐館馆單单協协調调解解權权鬧闹騷骚愛爱熱热燙烫
        """
        var table: [UInt32: UInt32] = [:]
        let chars = Array(pairs.unicodeScalars.filter { $0.value > 0x7F })
        var i = 0
        while i + 1 < chars.count {
            if chars[i] != chars[i + 1] { table[chars[i].value] = chars[i + 1].value }
            i += 2
        }
        return table
    }()
}
