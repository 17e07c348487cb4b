extension DemoVocabulary {
    // The names the directory gives its practitioners (first name and surname drawn apart).

    static let firstNames: [String] = [
        "Sarah", "Emma", "Rachel", "Claire", "Helen", "Laura", "Gemma", "Hannah", "Amy", "Rebecca",
        "Nicola", "Joanne", "Lisa", "Kelly", "Louise", "Victoria", "Charlotte", "Sophie", "Jessica", "Katie",
        "Aisha", "Fatima", "Priya", "Amina", "Nadia", "Zainab", "Sana", "Aaliyah", "Chloë", "Zoë",
        "Siobhán", "Niamh", "Aoife", "Bethan", "Agnieszka", "Joanna", "Grace", "Blessing", "Chioma", "Funmi",
        "David", "James", "Mark", "Paul", "Andrew", "Daniel", "Michael", "Richard", "Tom", "Chris",
        "Mohammed", "Imran", "Tariq", "Ravi", "Sanjay", "Kwame", "Tunde", "Marek", "Piotr", "Liam",
    ]

    static let surnames: [String] = [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Patel", "Khan", "Hussain", "Ahmed", "Begum", "Ali", "Shah", "Mahmood", "Akhtar", "Iqbal",
        "O'Brien", "O'Connor", "Murphy", "Kelly", "Nowak", "Kowalski", "Wiśniewska", "Okafor", "Adeyemi", "Mensah",
        "Campbell", "Stewart", "Hughes", "Edwards", "Lewis", "Harris", "Martin", "Cooper", "Ward", "Turner",
        "Mitchell", "Parker", "Bennett", "Chapman", "Singh", "Kaur", "Gill", "Nguyen", "Chen", "Hart-Davies",
    ]
}
